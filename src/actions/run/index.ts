import { getInputs } from './inputs';
import { run } from './main';
import { runAction } from '../shared/run-action';

void runAction(() => run(getInputs()));
