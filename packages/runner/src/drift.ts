// Drift made by hand: what an administrator does in a vendor's console, sent to the sandbox's emulators as those
// consoles call the APIs, so that reconcile.yml has something onramp did not do to find.
import { SANDBOX_CREDENTIALS, type Sandbox } from '@onramp/sandbox'

async function expectStatus(response: Response, status: number, what: string) {
  if (response.status !== status) throw new Error(`${what}: HTTP ${response.status}, expected ${status}`)
}

/** Removes `login` from the GitHub team `team` of `org`. */
export async function removeTeamMembership(sandbox: Sandbox, org: string, team: string, login: string) {
  const response = await fetch(`${sandbox.emulators.github.url}/orgs/${org}/teams/${team}/memberships/${login}`, {
    method: 'DELETE',
    headers: { authorization: `token ${SANDBOX_CREDENTIALS.githubToken}` },
  })
  await expectStatus(response, 204, 'removing a team membership')
}

/** Detaches the managed policy `policyArn` from the IAM user `userName`. */
export async function detachUserPolicy(sandbox: Sandbox, userName: string, policyArn: string) {
  const response = await fetch(sandbox.env.AWS_ENDPOINT_URL_IAM!, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=${SANDBOX_CREDENTIALS.awsAccessKeyId}/20261130/us-east-1/iam/aws4_request`,
    },
    body: new URLSearchParams({
      Action: 'DetachUserPolicy',
      Version: '2010-05-08',
      UserName: userName,
      PolicyArn: policyArn,
    }),
  })
  await expectStatus(response, 200, 'detaching a user policy')
}
