import type { Migration, MigrationProvider } from "kysely";
import type { Engine } from "../engine.js";
import { corpus } from "./001-corpus.js";
import { review } from "./002-review.js";
import { web } from "./005-web.js";
import { stats } from "./006-stats.js";
import { reportCells } from "./007-report-cells.js";
import { register } from "./003-register.js";
import { filing } from "./004-filing.js";

/**
 * Every migration, in order, as modules compiled with the program (not files read at run
 * time, so a bundle carries them). A later change is one more entry: `003-<what>` — the
 * register and the server add theirs here. Never edit one that has shipped.
 */
export function migrations(engine: Engine): MigrationProvider {
  const all: Record<string, Migration> = {
    "001-corpus": corpus(engine),
    "002-review": review(engine),
    "003-register": register(engine),
    "004-filing": filing(engine),
    "005-web": web(engine),
    "006-stats": stats(engine),
    "007-report-cells": reportCells(engine),
  };
  return { getMigrations: async () => all };
}
