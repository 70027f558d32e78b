/**
 * Pulumi program entry (Pulumi.yaml `main: lib/stacks/index.js`). The stack is the environment: `dev` reads
 * Pulumi.dev.yaml; the playbooks are those of the project Pulumi runs in (`playbook-kit.json`). The exported
 * object becomes the stack outputs. An author's repository calls the same function from its own entry
 * (`require("playbook-kit/stacks").deployEnvironment()`).
 */
import { deployEnvironment } from "./program";

export = deployEnvironment();
