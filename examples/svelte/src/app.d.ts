import type { JanuaLocals } from '@janua/svelte';

declare global {
  namespace App {
    interface Locals {
      janua: JanuaLocals;
    }
  }
}

export {};
