import { startedServices } from './started-services';

/** Jest's globalTeardown: stops what services-setup.ts started and removes their folders. */
export default async function tearDownServices(): Promise<void> {
  const started = startedServices();
  await Promise.all(started.splice(0).map((service) => service.destroy()));
}
