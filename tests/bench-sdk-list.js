// The official SailPoint TypeScript SDK listing every personal access token,
// printed as JSON: what `latchkey-cli tokens list --json` is measured against
// (tests/bench-cli.py). The tenant is SAIL_BASE_URL, SAIL_CLIENT_ID and
// SAIL_CLIENT_SECRET, as the SDK's own documentation has it.
"use strict";

const { Configuration, PersonalAccessTokensApi } = require("sailpoint-api-client");

async function main() {
  const baseurl = process.env.SAIL_BASE_URL;
  const configuration = new Configuration({
    baseurl,
    tokenUrl: `${baseurl}/oauth/token`,
    clientId: process.env.SAIL_CLIENT_ID,
    clientSecret: process.env.SAIL_CLIENT_SECRET,
  });
  const api = new PersonalAccessTokensApi(configuration);
  const answer = await api.listPersonalAccessTokens();

  process.stdout.write(JSON.stringify(answer.data, null, 2));
  process.stdout.write("\n");
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
