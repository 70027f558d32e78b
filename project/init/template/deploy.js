// The Pulumi program (Pulumi.yaml `main`). The kit deploys this repository's playbooks (playbook-kit.json: the
// files in playbooks/ and the catalog playbooks it names) with the settings of Pulumi.<stack>.yaml; the object it
// returns becomes the stack outputs.
module.exports = require("playbook-kit/stacks").deployEnvironment();
