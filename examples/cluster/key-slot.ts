// How Redis Cluster maps a key to one of 16384 hash slots, computed the way the server
// does it: CRC16 (XMODEM) of the key, or of its hash tag, modulo 16384.

// #region crc16
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    table[byte] = crc;
  }
  return table;
})();

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff]!;
  }
  return crc;
}
// #endregion crc16

// #region hash-tag
/**
 * The part of the key that is hashed: the text between the first `{` and the next `}`,
 * if that text is not empty; otherwise the whole key.
 */
export function hashedPart(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  if (close === -1 || close === open + 1) return key; // no closing brace, or "{}"
  return key.slice(open + 1, close);
}

export const SLOTS = 16384;

export function keySlot(key: string): number {
  return crc16(Buffer.from(hashedPart(key), 'utf8')) % SLOTS;
}
// #endregion hash-tag
