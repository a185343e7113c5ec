import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readJsonBody } from "./json-body";

const schema = z.object({ name: z.string().min(1, "Give the list a name.") });
const post = (body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://127.0.0.1/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function refusal(r: Awaited<ReturnType<typeof readJsonBody>>) {
  if (r.ok) throw new Error("expected a refusal");
  return { status: r.response.status, error: ((await r.response.json()) as { error: { type: string; message: string } }).error };
}

describe("readJsonBody", () => {
  it("answers the parsed body", async () => {
    expect(await readJsonBody(post(JSON.stringify({ name: "L" })), schema)).toEqual({ ok: true, data: { name: "L" } });
  });

  it("refuses a body over the limit even when no Content-Length announces it", async () => {
    const big = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(1000).fill(0x20));
        c.close();
      },
    });
    const r = await refusal(await readJsonBody(post(big), schema, 2000));
    expect(r).toMatchObject({ status: 413, error: { type: "payload_too_large" } });
  });

  it("says what is wrong with an invalid body", async () => {
    expect(await refusal(await readJsonBody(post("{nope"), schema))).toMatchObject({ status: 400, error: { message: "The request body is not valid JSON." } });
    expect(await refusal(await readJsonBody(post(JSON.stringify({ name: "" })), schema))).toMatchObject({ status: 400, error: { message: "Give the list a name. (at name)" } });
    expect(await refusal(await readJsonBody(post("name=x", { "content-type": "application/x-www-form-urlencoded" }), schema))).toMatchObject({ status: 415 });
  });
});
