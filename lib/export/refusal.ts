/** An export refused before its first byte: answered as a JSON error, logged as refused. */
export class ExportRefusal extends Error {
  readonly status: number;
  readonly type: string;
  constructor(status: number, type: string, message: string) {
    super(message);
    this.name = "ExportRefusal";
    this.status = status;
    this.type = type;
  }
}
