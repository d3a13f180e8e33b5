import { defineComponent } from "../../src/index.js";

export const Broken = defineComponent<{ n: number }, {
  inc: { args: {}; result: void };
}>("Broken", ["inc", "dec"]); // expect-error
