import type { TestProject } from 'vitest/node';
import { CourseError } from '../services/errors.js';
import type { RunContext } from '../services/run-services.js';
import type { TopologyNeed } from '../services/topology.js';
import { contextFromCli } from './context-from-cli.js';

/**
 * Hands every test file the run's servers, its id and the server broker. `npm test` starts
 * them itself and hands them here (context-from-cli.ts), so this process loads neither
 * ioredis nor pg before the first file; verify and a bare vitest start them here.
 */
export default async function setup(project: TestProject) {
  const given = contextFromCli();
  const { context, stop } = given ? { context: await given, stop: undefined } : await startHere();
  project.provide('services', context.services);
  project.provide('serverBroker', context.serverBroker);
  project.provide('monitorHub', context.monitorHub);
  return stop;
}

async function startHere(): Promise<{ context: RunContext; stop: () => Promise<void> }> {
  try {
    const { startRunServices } = await import('../services/run-services.js');
    // Clusters, Sentinels and Redis servers of their own for the labs that need them, started
    // now when verify read from the run's files that they will ask (harness/lab/topology-needs.ts).
    const run = await startRunServices(process.env, JSON.parse(process.env.COURSE_TOPOLOGY_NEEDS ?? '[]') as TopologyNeed[]);
    if (!process.env.REDIS_URL || !process.env.DATABASE_URL) console.log(run.summary);
    return run;
  } catch (error) {
    if (error instanceof CourseError) {
      // One readable line, then stop: a stack trace here would only bury it.
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
