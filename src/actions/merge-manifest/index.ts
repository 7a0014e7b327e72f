import { getInputs } from './inputs';
import { mergeManifest } from './main';
import { runAction } from '../shared/run-action';

void runAction(() => mergeManifest(getInputs()));
