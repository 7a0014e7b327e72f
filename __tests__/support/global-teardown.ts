import { stopSharedServices } from './shared-services';

export default async function globalTeardown(): Promise<void> {
  await stopSharedServices();
}
