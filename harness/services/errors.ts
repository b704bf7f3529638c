/**
 * Errors the course raises about its own setup. Each carries a code and a message a
 * learner can act on in one read; the CLIs print the message alone, never a stack.
 */
export class CourseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CourseError';
  }
}

export class ServiceNotFoundError extends CourseError {
  constructor(service: 'Redis' | 'Postgres', tried: string[], remedies: string[]) {
    super(
      'E_SERVICE_NOT_FOUND',
      `No ${service} found (tried: ${tried.join('; ')}). ${remedies.join(' Or ')}`,
    );
  }
}

export class ServiceUnreachableError extends CourseError {
  constructor(variable: string, url: string, reason: string) {
    super(
      'E_SERVICE_UNREACHABLE',
      `${variable}=${url} is set, but ${reason}. Fix the URL, start the server, or unset ${variable} to let the course find or start one.`,
    );
  }
}

export class BadInputError extends CourseError {
  constructor(message: string) {
    super('E_BAD_INPUT', message);
  }
}
