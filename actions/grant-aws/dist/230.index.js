export const id = 230;
export const ids = [230];
export const modules = {

/***/ 9230:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runIdentityCenter: () => (/* binding */ runIdentityCenter)
/* harmony export */ });
/* harmony import */ var _onramp_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58);
/* harmony import */ var _identity_center_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1499);
// grant-aws in Identity Center mode (guardrails `aws.mode: identity-center`): the person's Identity Store user,
// their account assignments and Identity Center group memberships, through the one reconcile loop.


async function runIdentityCenter(step, run) {
    const { plan, env, clock } = run;
    const api = (await Promise.all(/* import() */[__webpack_require__.e(81), __webpack_require__.e(53), __webpack_require__.e(956)]).then(__webpack_require__.bind(__webpack_require__, 5956))).createIdentityCenterApi({
        region: plan.region,
        instanceArn: plan.instanceArn,
        identityStoreId: plan.identityStoreId,
        endpoints: {
            ssoAdmin: env.AWS_ENDPOINT_URL_SSO_ADMIN || env.AWS_ENDPOINT_URL || undefined,
            identityStore: env.AWS_ENDPOINT_URL_IDENTITYSTORE || env.AWS_ENDPOINT_URL || undefined,
        },
        credentials: run.credentials,
        clock,
        fast: run.fast,
    });
    const record = step.record;
    const ctx = {
        api,
        plan,
        employeeId: step.event.employeeId,
        userName: step.event.email ?? record?.person?.email,
        person: personFor(step.event.name ?? record?.person?.name, step.event.email ?? record?.person?.email),
        recorded: {
            userId: record?.ids?.aws?.identity_store_user_id,
            created: record?.ids?.aws?.identity_store_user_created,
            idpId: record?.ids?.identity,
        },
        clock,
        statusPolicy: run.statusPolicy,
        deleteUser: plan.presence === 'revoked' && (plan.onOffboard === 'delete' || run.deleteDue === true),
    };
    const grant = plan.presence === 'active' && plan.account === 'ensure';
    let before;
    if (!grant) {
        try {
            // Keep and offboard: whether there is a user at all decides whether there is anything to remove.
            before = await (0,_identity_center_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveUser */ .mM)(ctx);
        }
        catch (error) {
            await step.finish((0,_onramp_core__WEBPACK_IMPORTED_MODULE_0__/* .failedBefore */ .tx)('sso-user', run.describeError(error)));
            return;
        }
    }
    let unmanaged = { assignments: [], groups: 0 };
    const items = (0,_identity_center_js__WEBPACK_IMPORTED_MODULE_1__/* .identityCenterItems */ .iH)(ctx, before, (u) => (unmanaged = u));
    const outcome = await (0,_onramp_core__WEBPACK_IMPORTED_MODULE_0__/* .reconcile */ .Lq)(items, {
        dryRun: step.dryRun,
        clock,
        readBack: run.readBack,
        describeError: run.describeError,
    });
    const userReceipt = outcome.receipts.find((r) => r.item === 'sso-user');
    const user = userReceipt?.result !== 'failed' ? ctx.user : undefined;
    const deleted = outcome.receipts.some((r) => r.item === 'delete:sso-user' && r.result === 'changed');
    const notes = [];
    if (grant && user)
        notes.push(`Sign-in: the person signs in at the AWS access portal (${plan.startUrl}) with their identity provider login and picks an account and permission set there; \`aws configure sso\` profiles for the CLI are what the welcome's dev-setup writes.`);
    if (!grant && !before)
        notes.push(ctx.recorded.userId
            ? 'The Identity Store user recorded for this person no longer exists (the identity provider deleted it?): nobody can sign in as it; nothing else to remove.'
            : 'No Identity Store user of this person exists: nothing to remove.');
    if (ctx.deleteUser && before && !before.created)
        notes.push('The Identity Store user is kept: onramp did not create it (the identity provider owns it).');
    if (deleted)
        notes.push('The Identity Store user onramp created is deleted.');
    if (unmanaged.assignments.length || unmanaged.groups)
        notes.push(`Unmanaged access reported, not removed: ${unmanaged.assignments.length} assignments, ${unmanaged.groups} groups.`);
    await step.finish(outcome, {
        ids: (ids) => {
            if (!user)
                return;
            ids.aws = { ...ids.aws, identity_store_user_id: user.id };
            if (user.created)
                ids.aws.identity_store_user_created = true;
        },
        outputs: { 'user-name': '', 'user-arn': '' },
        note: notes.join(' '),
    });
}
/** The name parts CreateUser needs; a one-word name is both (Identity Store requires each). */
function personFor(name, email) {
    if (!name || !email)
        return undefined;
    const words = name.trim().split(/\s+/);
    const givenName = words[0];
    const familyName = words.length > 1 ? words.slice(1).join(' ') : givenName;
    return { displayName: name.trim(), givenName, familyName, email };
}


/***/ })

};

//# sourceMappingURL=230.index.js.map