import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/*
 * Opaque page tokens. API.md: clients must pass `next_page` back unchanged and never parse or
 * build one, so the simulator makes tokens that cannot be read, guessed or edited: an offset,
 * masked and signed together with the resource it belongs to (path and filter), under a secret
 * drawn per server.
 * An edited token, one from another list, another filter or another simulator run: 400.
 *
 * The same (resource, offset) always gives the same token within a run, as a stable upstream
 * would; `hop` lets the empty-page fault hand out a different token for the same offset, so a
 * client that follows it is not mistaken for one caught in a loop.
 */

const VERSION = 1;
const MAC_BYTES = 12;
const PREFIX = "page_";

export interface TokenPosition {
  offset: number;
  hop: number;
}

export class PageTokens {
  private readonly secret: Buffer;
  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
  }

  issue(resource: string, offset: number, hop = 0): string {
    const body = Buffer.alloc(6);
    body.writeUInt8(VERSION, 0);
    body.writeUInt32BE(offset, 1);
    body.writeUInt8(hop & 0xff, 5);
    const mac = this.mac(resource, body);
    return PREFIX + Buffer.concat([this.mask(resource, body), mac]).toString("base64url");
  }

  /** The position a token stands for, or undefined when it is not one of ours for `resource`. */
  read(token: string, resource: string): TokenPosition | undefined {
    if (!token.startsWith(PREFIX) || token.length > 64) return undefined;
    const raw = token.slice(PREFIX.length);
    if (!/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
    const buf = Buffer.from(raw, "base64url");
    // Re-encoding must give the same text: rejects padding and trailing-bit edits.
    if (buf.length !== 6 + MAC_BYTES || buf.toString("base64url") !== raw) return undefined;
    const body = this.mask(resource, buf.subarray(0, 6));
    if (body.readUInt8(0) !== VERSION) return undefined;
    if (!timingSafeEqual(buf.subarray(6), this.mac(resource, body))) return undefined;
    return { offset: body.readUInt32BE(1), hop: body.readUInt8(5) };
  }

  /** XOR with a keystream of the resource, so the offset cannot be read off a token either. */
  private mask(resource: string, body: Buffer): Buffer {
    const stream = createHmac("sha256", this.secret).update("mask\u0000").update(resource).digest();
    return Buffer.from(body.map((b, i) => b ^ (stream[i] as number)));
  }

  private mac(resource: string, body: Buffer): Buffer {
    return createHmac("sha256", this.secret).update(resource).update("\u0000").update(body).digest().subarray(0, MAC_BYTES);
  }
}
