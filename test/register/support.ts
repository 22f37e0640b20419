import type { Application } from "../../src/register/index.js";

/** An application with the fields a test does not care about filled in. */
export function app(p: Partial<Application> & Pick<Application, "id" | "received">): Application {
  return { channel: "online", applicantType: "natural_person", request: "某某文件", consultations: [], reviews: [], ...p };
}
