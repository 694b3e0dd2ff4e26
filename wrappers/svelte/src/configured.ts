/**
 * The client `configure()` made (browser only), in a module of its own so that the components,
 * which default to it, do not pull the stores into an app's bundle.
 */
import type { JanuaClient } from '@janua/core';

export const configured: { client?: JanuaClient } = {};
