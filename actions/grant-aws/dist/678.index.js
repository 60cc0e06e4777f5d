export const id = 678;
export const ids = [678];
export const modules = {

/***/ 8678:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createIamApi: () => (/* binding */ createIamApi),
  iamApi: () => (/* binding */ iamApi),
  iamCode: () => (/* binding */ iamCode)
});

// EXTERNAL MODULE: ../../node_modules/.pnpm/@aws-sdk+client-iam@3.1169.0/node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var dist_cjs = __webpack_require__(725);
// EXTERNAL MODULE: ../../packages/core/src/retry.ts
var retry = __webpack_require__(8868);
// EXTERNAL MODULE: ../../packages/core/src/clients/aws-retry.ts
var aws_retry = __webpack_require__(2959);
;// CONCATENATED MODULE: ../../packages/core/src/clients/aws.ts
// The IAM client with onramp's retry strategy (aws-retry.ts: the core policy, quotas never retried, server
// hints first, waits through the injectable Clock).




function createIamClient(options = {}) {
    const policy = options.policy ?? retry/* DEFAULT_POLICY */.zj;
    return new dist_cjs/* IAMClient */.h8v({
        // IAM is global; its signing region is us-east-1.
        region: options.region ?? 'us-east-1',
        endpoint: options.endpoint,
        credentials: options.credentials ??
            (options.fast ? { accessKeyId: 'AKIAONRAMPTEST', secretAccessKey: 'onramp-test' } : undefined),
        maxAttempts: policy.maxAttempts,
        // The SDK waits for ever by default; a timed-out attempt is a transient error and is retried.
        requestHandler: {
            requestTimeout: options.timeoutMs ?? 30_000,
            throwOnRequestTimeout: true,
            connectionTimeout: 5000,
        },
        retryStrategy: new aws_retry/* PolicyRetryStrategy */.G(policy, options.clock ?? retry/* systemClock */.ml, options.fast ? 0.01 : 1, options.onRetry),
    });
}

;// CONCATENATED MODULE: ./src/iam.ts
// IamApi over `@aws-sdk/client-iam`, with the client from core (its retry strategy follows the core policy).
// Imported lazily by main.ts: the SDK is parsed only once inputs and plan are valid.


/** An SDK error's IAM code: the SDK names modelled errors `<Code>Exception`, unmodelled ones by the code. */
function iamCode(error) {
    const name = error?.name;
    return typeof name === 'string' ? name.replace(/Exception$/, '') : undefined;
}
const isNoSuchEntity = (error) => iamCode(error) === 'NoSuchEntity';
async function orAbsent(read, absent) {
    try {
        return await read();
    }
    catch (error) {
        if (isNoSuchEntity(error))
            return absent;
        throw error;
    }
}
function createIamApi(options) {
    const client = createIamClient({
        region: options.region,
        endpoint: options.endpoint,
        credentials: options.credentials,
        clock: options.clock,
        policy: options.policy,
        fast: options.fast,
    });
    return iamApi(client);
}
function iamApi(client) {
    const UserName = (u) => ({ UserName: u });
    /** Every page of a Marker-paged list. */
    async function all(page, items) {
        const out = [];
        let Marker;
        do {
            const p = await page(Marker);
            for (const x of items(p) ?? [])
                if (x !== undefined)
                    out.push(x);
            Marker = p.IsTruncated ? p.Marker : undefined;
        } while (Marker);
        return out;
    }
    return {
        inlinePolicies: (u) => orAbsent(() => all((Marker) => client.send(new dist_cjs/* ListUserPoliciesCommand */.Lt8({ ...UserName(u), Marker })), (p) => p.PolicyNames), []),
        mfaDevices: (u) => orAbsent(() => all((Marker) => client.send(new dist_cjs/* ListMFADevicesCommand */.UxV({ ...UserName(u), Marker })), (p) => p.MFADevices?.map((d) => d.SerialNumber)), []),
        unassignedVirtualMfa: () => all((Marker) => client.send(new dist_cjs/* ListVirtualMFADevicesCommand */.oQ_({ AssignmentStatus: 'Unassigned', Marker })), (p) => p.VirtualMFADevices?.map((d) => d.SerialNumber)),
        signingCertificates: (u) => orAbsent(() => all((Marker) => client.send(new dist_cjs/* ListSigningCertificatesCommand */.BIy({ ...UserName(u), Marker })), (p) => p.Certificates?.map((c) => c.CertificateId)), []),
        sshPublicKeys: (u) => orAbsent(() => all((Marker) => client.send(new dist_cjs/* ListSSHPublicKeysCommand */.pmF({ ...UserName(u), Marker })), (p) => p.SSHPublicKeys?.map((k) => k.SSHPublicKeyId)), []),
        serviceCredentials: (u) => orAbsent(async () => {
            const out = await client.send(new dist_cjs/* ListServiceSpecificCredentialsCommand */.HsU(UserName(u)));
            return (out.ServiceSpecificCredentials ?? []).flatMap((c) => c.ServiceSpecificCredentialId ? [c.ServiceSpecificCredentialId] : []);
        }, []),
        async deleteInlinePolicy(u, name) {
            await client.send(new dist_cjs/* DeleteUserPolicyCommand */.QJ2({ ...UserName(u), PolicyName: name }));
        },
        async deactivateMfa(u, serial) {
            await client.send(new dist_cjs/* DeactivateMFADeviceCommand */.ShG({ ...UserName(u), SerialNumber: serial }));
        },
        async deleteVirtualMfa(serial) {
            await client.send(new dist_cjs/* DeleteVirtualMFADeviceCommand */.Oem({ SerialNumber: serial }));
        },
        async deleteSigningCertificate(u, id) {
            await client.send(new dist_cjs/* DeleteSigningCertificateCommand */.jPg({ ...UserName(u), CertificateId: id }));
        },
        async deleteSshPublicKey(u, id) {
            await client.send(new dist_cjs/* DeleteSSHPublicKeyCommand */.JGD({ ...UserName(u), SSHPublicKeyId: id }));
        },
        async deleteServiceCredential(u, id) {
            await client.send(new dist_cjs/* DeleteServiceSpecificCredentialCommand */.$94({ ...UserName(u), ServiceSpecificCredentialId: id }));
        },
        getUser: (u) => orAbsent(async () => {
            const { User } = await client.send(new dist_cjs/* GetUserCommand */.T3b(UserName(u)));
            if (!User)
                return undefined;
            return {
                arn: User.Arn ?? '',
                path: User.Path ?? '',
                boundary: User.PermissionsBoundary?.PermissionsBoundaryArn,
                tags: Object.fromEntries((User.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
            };
        }, undefined),
        attachedPolicies: (u) => orAbsent(async () => {
            const arns = [];
            let Marker;
            do {
                const page = await client.send(new dist_cjs/* ListAttachedUserPoliciesCommand */.zf4({ ...UserName(u), Marker }));
                for (const p of page.AttachedPolicies ?? [])
                    if (p.PolicyArn)
                        arns.push(p.PolicyArn);
                Marker = page.IsTruncated ? page.Marker : undefined;
            } while (Marker);
            return arns;
        }, []),
        groups: (u) => orAbsent(async () => {
            const names = [];
            let Marker;
            do {
                const page = await client.send(new dist_cjs/* ListGroupsForUserCommand */.WcQ({ ...UserName(u), Marker }));
                for (const g of page.Groups ?? [])
                    if (g.GroupName)
                        names.push(g.GroupName);
                Marker = page.IsTruncated ? page.Marker : undefined;
            } while (Marker);
            return names;
        }, []),
        hasLoginProfile: (u) => orAbsent(async () => {
            await client.send(new dist_cjs/* GetLoginProfileCommand */.aZV(UserName(u)));
            return true;
        }, false),
        accessKeys: (u) => orAbsent(async () => {
            const keys = [];
            let Marker;
            do {
                const page = await client.send(new dist_cjs/* ListAccessKeysCommand */.Qxm({ ...UserName(u), Marker }));
                for (const k of page.AccessKeyMetadata ?? [])
                    if (k.AccessKeyId)
                        keys.push({ id: k.AccessKeyId, status: k.Status ?? '' });
                Marker = page.IsTruncated ? page.Marker : undefined;
            } while (Marker);
            return keys;
        }, []),
        async createUser(u, path, boundary, tags) {
            await client.send(new dist_cjs/* CreateUserCommand */.nMY({
                ...UserName(u),
                Path: path,
                PermissionsBoundary: boundary,
                Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
            }));
        },
        async tagUser(u, tags) {
            await client.send(new dist_cjs/* TagUserCommand */.pkA({ ...UserName(u), Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
        },
        async attachPolicy(u, arn) {
            await client.send(new dist_cjs/* AttachUserPolicyCommand */.sGv({ ...UserName(u), PolicyArn: arn }));
        },
        async detachPolicy(u, arn) {
            await client.send(new dist_cjs/* DetachUserPolicyCommand */.mC4({ ...UserName(u), PolicyArn: arn }));
        },
        async addToGroup(u, group) {
            await client.send(new dist_cjs/* AddUserToGroupCommand */.com({ ...UserName(u), GroupName: group }));
        },
        async removeFromGroup(u, group) {
            await client.send(new dist_cjs/* RemoveUserFromGroupCommand */.IuP({ ...UserName(u), GroupName: group }));
        },
        async deleteAccessKey(u, id) {
            await client.send(new dist_cjs/* DeleteAccessKeyCommand */.yq0({ ...UserName(u), AccessKeyId: id }));
        },
        async deleteLoginProfile(u) {
            await client.send(new dist_cjs/* DeleteLoginProfileCommand */.r34(UserName(u)));
        },
        async deleteUser(u) {
            await client.send(new dist_cjs/* DeleteUserCommand */.O56(UserName(u)));
        },
    };
}


/***/ }),

/***/ 2959:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ PolicyRetryStrategy)
/* harmony export */ });
/* unused harmony export QUOTA_ERRORS */
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8868);
// The retry strategy every AWS SDK client of onramp uses (IAM, SSO Admin, Identity Store), following the core
// policy instead of the SDK's own:
// - the SDK files IAM's `LimitExceeded` (a quota: 10 policies per user, 5,000 users) under throttling and
//   retries it; waiting never frees a quota, so it fails at once here;
// - Throttling (`Throttling`, Identity Center's `ThrottlingException`) and transient errors (500/502/503/504,
//   connection reset, timeouts) retry with full jitter, as do the error names a client adds (Identity Center's
//   `ConflictException`: a write that has not propagated yet, which the service says to retry with backoff);
// - Retry-After / x-amz-retry-after win outright (the SDK caps them at backoff + 5 s);
// - waits go through the injectable Clock so tests can assert them without sleeping.
// No SDK import: an action that needs only one client loads only that SDK.

/** Quota errors the SDK would retry as throttling; retrying them only burns the deadline. */
const QUOTA_ERRORS = new Set(['LimitExceeded', 'LimitExceededException']);
class PolicyToken {
    count;
    startedAt;
    constructor(count, startedAt) {
        this.count = count;
        this.startedAt = startedAt;
    }
    getRetryCount() {
        return this.count;
    }
    // The strategy has already waited; the middleware must not wait again.
    getRetryDelay() {
        return 0;
    }
}
class PolicyRetryStrategy {
    policy;
    clock;
    scale;
    onRetry;
    alsoRetry;
    mode = 'standard';
    constructor(policy = _retry_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_POLICY */ .zj, clock = _retry_js__WEBPACK_IMPORTED_MODULE_0__/* .systemClock */ .ml, scale = 1, onRetry = () => { }, 
    /** Error names retried like transient errors, though the SDK calls them client errors. */
    alsoRetry = new Set()) {
        this.policy = policy;
        this.clock = clock;
        this.scale = scale;
        this.onRetry = onRetry;
        this.alsoRetry = alsoRetry;
    }
    async acquireInitialRetryToken() {
        return new PolicyToken(0, this.clock.now());
    }
    async refreshRetryTokenForRetry(token, info) {
        const name = info.error?.name;
        const retryable = ((info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT') && !QUOTA_ERRORS.has(name ?? '')) ||
            this.alsoRetry.has(name ?? '');
        const count = token.getRetryCount();
        if (!retryable || count + 1 >= this.policy.maxAttempts)
            throw info.error ?? new Error('not retryable');
        const startedAt = token instanceof PolicyToken ? token.startedAt : this.clock.now();
        // Read the headers ourselves: the SDK's hint is a Date already ageing since the response arrived.
        const headers = info.error?.$response?.headers;
        const hint = (headers && (0,_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .serverWaitMs */ .Rx)(headers, this.clock.now())) ??
            (info.retryAfterHint ? Math.max(0, info.retryAfterHint.getTime() - Date.now()) : 0);
        const waitMs = Math.max(hint, (0,_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .backoffDelay */ .EY)(count, this.policy, this.clock.random));
        if (this.clock.now() + waitMs - startedAt > this.policy.deadlineMs)
            throw info.error ?? new Error('deadline');
        this.onRetry({ retry: count + 1, waitMs, errorName: name });
        await this.clock.sleep(waitMs * this.scale);
        return new PolicyToken(count + 1, startedAt);
    }
    recordSuccess() { }
}


/***/ })

};

//# sourceMappingURL=678.index.js.map