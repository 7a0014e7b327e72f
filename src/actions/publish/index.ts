import { getInputs } from './inputs';
import { publish } from './main';
import { runAction } from '../shared/run-action';

void runAction(() => publish(getInputs()));
