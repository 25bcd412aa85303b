// A .zip writer for tests (entries stored, not compressed): enough to hand `fahras build` an
// archive as people send one, without a zip tool on the machine. Format: PKWARE APPNOTE 4.3.
import zlib from 'node:zlib';

/** Bytes of a zip archive holding `entries`: [{ name, data: Buffer|string }]. */
export function storedZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(bytes);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(0, 8); head.writeUInt32LE(0, 10); head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(bytes.length, 18); head.writeUInt32LE(bytes.length, 22);
    head.writeUInt16LE(nameBytes.length, 26); head.writeUInt16LE(0, 28);
    locals.push(head, nameBytes, bytes);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0); cen.writeUInt16LE(20, 4); cen.writeUInt16LE(20, 6); cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(0, 10); cen.writeUInt32LE(0, 12); cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(bytes.length, 20); cen.writeUInt32LE(bytes.length, 24);
    cen.writeUInt16LE(nameBytes.length, 28); cen.writeUInt32LE(offset, 42);
    centrals.push(cen, nameBytes);
    offset += 30 + nameBytes.length + bytes.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(central.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}
