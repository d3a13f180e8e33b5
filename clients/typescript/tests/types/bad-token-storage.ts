import { LiveClient } from "../../src/index.js";

export const client = new LiveClient("/live", { tokenStorage: "local" }); // expect-error
