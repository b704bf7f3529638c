/**
 * Roughly how many bits of randomness each of a process's tokens carries that its other
 * tokens do not give away: what differs from token to token (all of that process's tokens
 * stripped of what they share at the start and the end), times the bits of the alphabet
 * those characters use. A random part drawn once per process is no secret from whoever
 * saw one of its tokens, so it counts for nothing; a counter beside it counts a few bits.
 * Give the tokens of each process (each module instance) as a list of their own.
 */
export function tokenBits(byProcess: string[][]): { bits: number; shortest: number; symbols: number } {
  const varying = byProcess.flatMap(varyingParts);
  const symbols = new Set(varying.join('')).size;
  const shortest = Math.min(...varying.map((part) => part.length));
  return { bits: Math.floor(shortest * Math.log2(Math.max(2, symbols))), shortest, symbols };
}

function varyingParts(tokens: string[]): string[] {
  const shared = (at: (token: string, i: number) => string | undefined) => {
    let n = 0;
    while (tokens.every((token) => token.length > n && at(token, n) === at(tokens[0]!, n))) n += 1;
    return n;
  };
  const head = shared((token, i) => token[i]);
  const tail = shared((token, i) => token[token.length - 1 - i]);
  return tokens.map((token) => token.slice(head, Math.max(head, token.length - tail)));
}
