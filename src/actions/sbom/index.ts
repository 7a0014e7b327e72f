import { getInputs } from './inputs';
import { sbom } from './main';
import { runAction } from '../shared/run-action';

void runAction(() => sbom(getInputs()));
