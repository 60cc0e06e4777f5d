export const id = 714;
export const ids = [714];
export const modules = {

/***/ 8714:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FAST_SCALE: () => (/* binding */ FAST_SCALE),
/* harmony export */   GithubOctokit: () => (/* binding */ GithubOctokit),
/* harmony export */   REQUEST_TIMEOUT_MS: () => (/* binding */ REQUEST_TIMEOUT_MS),
/* harmony export */   createOctokit: () => (/* binding */ createOctokit)
/* harmony export */ });
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(545);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6404);
/* harmony import */ var _octokit_rest__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8176);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(660);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _budget_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8845);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8868);
/// <reference path="./bottleneck-light.d.ts" />
// The GitHub client: Octokit with the throttling and retry plugins, both bent to the core retry policy.
// - pacing is the token's shared budget (budget.ts): every attempt draws from token buckets sized from GitHub's
//   documented limits and from the primary quota its headers report; the throttling plugin's fixed gaps
//   (writes 1 s, invitations 3 s) are turned off, its Bottleneck groups only keep writes one at a time;
// - throttling waits out primary limits (until the reset) and secondary limits (Retry-After, else 60 s) that
//   are hit anyway, up to policy.maxAttempts, never past the deadline;
// - plugin-retry retries 5xx, network errors and 429s without a rate-limit signal, but its own delay is
//   quadratic without jitter and ignores Retry-After, so each retry's delay is replaced by the policy's:
//   max(server hint, full-jitter backoff). 409 (stale blob sha) is left to the caller's compare-and-swap.






const GithubOctokit = _octokit_rest__WEBPACK_IMPORTED_MODULE_3__/* .Octokit */ .E.plugin(_octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__/* .throttling */ .A, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_5__/* .retry */ .L);
/** In fast mode every wait (server hints included) is scaled by this: Retry-After 60 s becomes 600 ms. */
const FAST_SCALE = 0.01;
/** Per-attempt timeout shared by the client factories. */
const REQUEST_TIMEOUT_MS = 30_000;
const isRateLimitSignal = (status, headers, message) => (status === 403 || status === 429) &&
    (/\bsecondary rate\b/i.test(message) || headers['x-ratelimit-remaining'] === '0');
// Octokit has no request timeout; an aborted fetch surfaces as a status-500 RequestError, which is retried.
const fetchWithTimeout = (ms) => (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
};
// Shared by every client of the process, like the plugin's own default groups.
let groups;
const unpacedGroups = () => (groups ??= {
    write: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0___default().Group)({ maxConcurrent: 1, minTime: 0 }),
    notifications: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0___default().Group)({ maxConcurrent: 1, minTime: 0 }),
    search: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0___default().Group)({ maxConcurrent: 1, minTime: 0 }),
});
function createOctokit(options = {}) {
    const policy = options.policy ?? _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_POLICY */ .zj;
    const clock = options.clock ?? _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .systemClock */ .ml;
    const scale = options.fast ? FAST_SCALE : 1;
    const notify = options.onRetry ?? (() => { });
    // onRateLimit / onSecondaryRateLimit: retry while attempts remain and the wait fits the deadline.
    const limitHandler = (kind) => (retryAfterSeconds, req, _o, retryCount) => {
        const waitMs = retryAfterSeconds * 1000;
        if (retryCount + 1 >= policy.maxAttempts || waitMs > policy.deadlineMs)
            return false;
        notify({ kind, retry: retryCount + 1, waitMs, method: req.method, route: req.url });
        return true;
    };
    const baseUrl = options.baseUrl ?? 'https://api.github.com';
    const budget = options.budget ??
        (options.fast
            ? undefined
            : (0,_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedBudget */ .Z_)('github', baseUrl, `${options.token} ${options.contentShare?.name ?? ''}`, () => (0,_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .githubBudget */ .hB)(clock, undefined, options.contentShare)));
    const timed = fetchWithTimeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS);
    const octokit = new GithubOctokit({
        auth: options.token,
        baseUrl: options.baseUrl,
        userAgent: options.userAgent ?? 'onramp',
        request: { fetch: budget ? (0,_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .budgetedFetch */ .Rp)(budget, timed) : timed },
        // Octokit's request log prints every request and every failed attempt; failures surface as errors anyway.
        log: { debug: () => { }, info: () => { }, warn: console.warn, error: () => { } },
        throttle: {
            onRateLimit: limitHandler('rate-limit'),
            onSecondaryRateLimit: limitHandler('secondary-rate-limit'),
            retryAfterBaseValue: 1000 * scale,
            // No fixed gaps: the budget paces. Writes stay one at a time, as GitHub asks of content-creating requests.
            ...unpacedGroups(),
        },
        retry: {
            retries: policy.maxAttempts - 1,
            // Our delays are computed in ms below.
            retryAfterBaseValue: 1,
            // 403 rate limits belong to the throttling plugin; a 501 means the server lacks the feature: never transient.
            doNotRetry: [...new Set([..._retry_js__WEBPACK_IMPORTED_MODULE_2__/* .NEVER_RETRY */ .o7, 403, 501])],
        },
    });
    // plugin-retry asks `octokit.retry.retryRequest(error, retries, (n+1)²)` for every retryable error and waits
    // `retryAfter × retryAfterBaseValue` ms: substituting our delay here is the one place to add jitter and hints.
    const original = octokit.retry.retryRequest;
    octokit.retry.retryRequest = (error, retries, quadratic) => {
        const retryIndex = Math.max(0, Math.round(Math.sqrt(quadratic)) - 1);
        const headers = (error.response?.headers ?? {});
        // Already waited out (or given up on) by the throttling plugin: do not retry it a second time.
        if (isRateLimitSignal(error.status, headers, error.message))
            return original(error, 0, 0);
        const waitMs = Math.max((0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .serverWaitMs */ .Rx)(headers, clock.now()) ?? 0, (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .backoffDelay */ .EY)(retryIndex, policy, clock.random));
        if (waitMs > policy.deadlineMs)
            return original(error, 0, 0);
        if (retryIndex < retries) {
            const req = error.request;
            const route = new URL(req.url, 'http://github.invalid').pathname; // no query string: it may hold a search term
            notify({ kind: 'retry', retry: retryIndex + 1, waitMs, method: req.method, route, status: error.status });
        }
        return original(error, retries, Math.round(waitMs * scale));
    };
    if (budget)
        _budget_js__WEBPACK_IMPORTED_MODULE_1__/* .budgetOfClient */ .gq.set(octokit, budget);
    return octokit;
}


/***/ })

};

//# sourceMappingURL=714.index.js.map