// Lab 06: POST /logout. Answers 204; afterwards the session must be gone for good.
import type { RequestHandler } from 'express';
import { SESSION_COOKIE } from './contract.js';

export const logout: RequestHandler = (_req, res) => {
  // TODO(06): the browser forgets its cookie, but the session itself stays in the store
  // until it expires: anyone holding a copy of the cookie is still logged in. And the 204
  // goes out whatever happened: what should the user see if the session could not be ended?
  res.clearCookie(SESSION_COOKIE);
  res.status(204).end();
};
