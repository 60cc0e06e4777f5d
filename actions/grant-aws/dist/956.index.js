export const id = 956;
export const ids = [956];
export const modules = {

/***/ 5956:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ENTERPRISE_EXTENSION: () => (/* binding */ ENTERPRISE_EXTENSION),
/* harmony export */   createIdentityCenterApi: () => (/* binding */ createIdentityCenterApi),
/* harmony export */   identityCenterApi: () => (/* binding */ identityCenterApi)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_identitystore__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2111);
/* harmony import */ var _aws_sdk_client_sso_admin__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(355);
/* harmony import */ var _onramp_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58);
/* harmony import */ var _onramp_core_aws_retry__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2959);
// IdentityCenterApi over `@aws-sdk/client-sso-admin` and `@aws-sdk/client-identitystore`, each with onramp's AWS
// retry strategy (the core policy; Identity Center's ThrottlingException and ConflictException retried).
// Imported lazily by main.ts, and only in Identity Center mode: IAM-user installs never parse these SDKs.




/** The enterprise extension carries `employeeNumber`: how a user is tied to an employee id. */
const ENTERPRISE_EXTENSION = 'aws:identitystore:enterprise';
/** A write that has not propagated yet: Identity Center asks for a retry with backoff. */
const RETRIED = new Set(['ConflictException']);
function createIdentityCenterApi(o) {
    const policy = o.policy ?? _onramp_core__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_POLICY */ .zj;
    const config = () => ({
        region: o.region,
        credentials: o.credentials,
        maxAttempts: policy.maxAttempts,
        requestHandler: { requestTimeout: 30_000, throwOnRequestTimeout: true, connectionTimeout: 5000 },
        retryStrategy: new _onramp_core_aws_retry__WEBPACK_IMPORTED_MODULE_1__/* .PolicyRetryStrategy */ .G(policy, o.clock ?? _onramp_core__WEBPACK_IMPORTED_MODULE_0__/* .systemClock */ .ml, o.fast ? 0.01 : 1, undefined, RETRIED),
    });
    const admin = new _aws_sdk_client_sso_admin__WEBPACK_IMPORTED_MODULE_2__/* .SSOAdminClient */ .cJe({ ...config(), endpoint: o.endpoints.ssoAdmin });
    const store = new _aws_sdk_client_identitystore__WEBPACK_IMPORTED_MODULE_3__/* .IdentitystoreClient */ .bC({ ...config(), endpoint: o.endpoints.identityStore });
    return identityCenterApi(admin, store, o.instanceArn, o.identityStoreId);
}
const isNotFound = (error) => error?.name === 'ResourceNotFoundException';
async function orAbsent(read) {
    try {
        return await read();
    }
    catch (error) {
        if (isNotFound(error))
            return undefined;
        throw error;
    }
}
function request(s) {
    return {
        requestId: s?.RequestId ?? '',
        status: s?.Status ?? 'IN_PROGRESS',
        failureReason: s?.FailureReason,
    };
}
function identityCenterApi(admin, store, InstanceArn, IdentityStoreId) {
    const target = (a, userId) => ({
        InstanceArn,
        TargetId: a.account,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: a.permissionSet,
        PrincipalType: 'USER',
        PrincipalId: userId,
    });
    return {
        findUserId: (userName) => orAbsent(async () => {
            const out = await store.send(new _aws_sdk_client_identitystore__WEBPACK_IMPORTED_MODULE_3__/* .GetUserIdCommand */ .YO({
                IdentityStoreId,
                AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: userName } },
            }));
            return out.UserId;
        }),
        describeUser: (userId) => orAbsent(async () => {
            const u = await store.send(new _aws_sdk_client_identitystore__WEBPACK_IMPORTED_MODULE_3__/* .DescribeUserCommand */ .q0({ IdentityStoreId, UserId: userId, Extensions: [ENTERPRISE_EXTENSION] }));
            const enterprise = u.Extensions?.[ENTERPRISE_EXTENSION];
            return {
                id: u.UserId ?? userId,
                externalIds: (u.ExternalIds ?? []).flatMap((x) => (x.Id ? [x.Id] : [])),
                employeeNumber: typeof enterprise?.employeeNumber === 'string' ? enterprise.employeeNumber : undefined,
            };
        }),
        async createUser(u) {
            const out = await store.send(new _aws_sdk_client_identitystore__WEBPACK_IMPORTED_MODULE_3__/* .CreateUserCommand */ .nM({
                IdentityStoreId,
                UserName: u.userName,
                DisplayName: u.displayName,
                Name: { GivenName: u.givenName, FamilyName: u.familyName },
                Emails: [{ Value: u.email, Type: 'work', Primary: true }],
                Extensions: { [ENTERPRISE_EXTENSION]: { employeeNumber: u.employeeId } },
            }));
            if (!out.UserId)
                throw new Error('CreateUser answered without a UserId');
            return out.UserId;
        },
        async deleteUser(userId) {
            await store.send(new _aws_sdk_client_identitystore__WEBPACK_IMPORTED_MODULE_3__/* .DeleteUserCommand */ .O5({ IdentityStoreId, UserId: userId }));
        },
        groupId: (displayName) => orAbsent(async () => {
            const out = await store.send(new _aws_sdk_client_identitystore__WEBPACK_IMPORTED_MODULE_3__/* .GetGroupIdCommand */ .GG({
                IdentityStoreId,
                AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: displayName } },
            }));
            return out.GroupId;
        }),
        async memberships(userId) {
            const out = [];
            let NextToken;
            do {
                const page = await store.send(new _aws_sdk_client_identitystore__WEBPACK_IMPORTED_MODULE_3__/* .ListGroupMembershipsForMemberCommand */ .Ti({ IdentityStoreId, MemberId: { UserId: userId }, NextToken }));
                for (const m of page.GroupMemberships ?? [])
                    if (m.MembershipId && m.GroupId)
                        out.push({ membershipId: m.MembershipId, groupId: m.GroupId });
                NextToken = page.NextToken;
            } while (NextToken);
            return out;
        },
        async addMembership(groupId, userId) {
            await store.send(new _aws_sdk_client_identitystore__WEBPACK_IMPORTED_MODULE_3__/* .CreateGroupMembershipCommand */ .h8({ IdentityStoreId, GroupId: groupId, MemberId: { UserId: userId } }));
        },
        async removeMembership(membershipId) {
            await store.send(new _aws_sdk_client_identitystore__WEBPACK_IMPORTED_MODULE_3__/* .DeleteGroupMembershipCommand */ .IC({ IdentityStoreId, MembershipId: membershipId }));
        },
        async assignments(userId) {
            const out = [];
            let NextToken;
            do {
                const page = await admin.send(new _aws_sdk_client_sso_admin__WEBPACK_IMPORTED_MODULE_2__/* .ListAccountAssignmentsForPrincipalCommand */ .sqr({
                    InstanceArn,
                    PrincipalId: userId,
                    PrincipalType: 'USER',
                    NextToken,
                }));
                // Only the user's own assignments: what a group gives is the group's, not an item of this person.
                for (const a of page.AccountAssignments ?? [])
                    if (a.PrincipalType === 'USER' && a.PrincipalId === userId && a.AccountId && a.PermissionSetArn)
                        out.push({ account: a.AccountId, permissionSet: a.PermissionSetArn });
                NextToken = page.NextToken;
            } while (NextToken);
            return out;
        },
        async createAssignment(a, userId) {
            const out = await admin.send(new _aws_sdk_client_sso_admin__WEBPACK_IMPORTED_MODULE_2__/* .CreateAccountAssignmentCommand */ .w0d(target(a, userId)));
            return request(out.AccountAssignmentCreationStatus);
        },
        async deleteAssignment(a, userId) {
            const out = await admin.send(new _aws_sdk_client_sso_admin__WEBPACK_IMPORTED_MODULE_2__/* .DeleteAccountAssignmentCommand */ .bpr(target(a, userId)));
            return request(out.AccountAssignmentDeletionStatus);
        },
        async creationStatus(requestId) {
            const out = await admin.send(new _aws_sdk_client_sso_admin__WEBPACK_IMPORTED_MODULE_2__/* .DescribeAccountAssignmentCreationStatusCommand */ .eTH({
                InstanceArn,
                AccountAssignmentCreationRequestId: requestId,
            }));
            return request(out.AccountAssignmentCreationStatus);
        },
        async deletionStatus(requestId) {
            const out = await admin.send(new _aws_sdk_client_sso_admin__WEBPACK_IMPORTED_MODULE_2__/* .DescribeAccountAssignmentDeletionStatusCommand */ .PSg({
                InstanceArn,
                AccountAssignmentDeletionRequestId: requestId,
            }));
            return request(out.AccountAssignmentDeletionStatus);
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

//# sourceMappingURL=956.index.js.map