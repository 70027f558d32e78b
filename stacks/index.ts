/**
 * Pulumi program entry (Pulumi.yaml `main: lib/stacks/index.js`). The stack is the environment: `dev` reads
 * Pulumi.dev.yaml. The exported object becomes the stack outputs.
 */
import { deployEnvironment } from "./program";

export = deployEnvironment();
