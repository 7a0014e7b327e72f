import { getInputs } from './inputs';
import { buildPlatform } from './main';
import { runAction } from '../shared/run-action';

void runAction(() => buildPlatform(getInputs()));
