import { getInputs } from './inputs';
import { test } from './main';
import { runAction } from '../shared/run-action';

void runAction(() => test(getInputs()));
