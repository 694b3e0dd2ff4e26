/**
 * `/// <reference types="@janua/astro/env" />` (the integration injects it): types
 * `Astro.locals.janua`.
 */
import type { JanuaLocals } from '@janua/ssr';

declare global {
  namespace App {
    interface Locals {
      /** The visitor, verified from the access-token cookie by the Janua middleware. */
      janua: JanuaLocals;
    }
  }
}

export {};
