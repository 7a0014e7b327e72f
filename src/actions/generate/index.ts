import { getInputs } from './inputs';
import { generate } from './main';
import { runAction } from '../shared/run-action';

void runAction(() => generate(getInputs()));
