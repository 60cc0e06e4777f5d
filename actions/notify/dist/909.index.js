export const id = 909;
export const ids = [909];
export const modules = {

/***/ 6909:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createSlackClient: () => (/* binding */ createSlackClient)
/* harmony export */ });
/* harmony import */ var _slack_web_api__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6502);
/* harmony import */ var _slack_web_api__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(_slack_web_api__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _budget_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8845);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3772);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8868);
// The Slack client, configured from the core policy:
// - every method call draws from the token's shared budget (budget.ts): its tier's per-minute allowance, and for
//   chat.postMessage one message a second per channel, so a 429 is the exception rather than the pacing;
// - `rejectRateLimitedCalls: false`: on 429 the client itself pauses its queue for Retry-After seconds and
//   retries (a server hint always wins);
// - `retryConfig` bounds the other retries (5xx, network) by policy.maxAttempts with randomized exponential
//   delays between baseMs and capMs (the client's `retry` library jitters by ×[1, 2], not full jitter);
// - its debug log prints request bodies (emails in users.lookupByEmail), so debug and info are dropped and
//   warnings pass through the personal-data redaction.




// The generated method wrappers call `this.apiCall`, so drawing from the budget here covers every method.
class BudgetedWebClient extends _slack_web_api__WEBPACK_IMPORTED_MODULE_0__.WebClient {
    budget;
    async apiCall(method, options) {
        const channel = typeof options?.channel === 'string' ? options.channel : undefined;
        await this.budget?.before(method, method, channel);
        return super.apiCall(method, options);
    }
}
function quietLogger(warn) {
    let level = _slack_web_api__WEBPACK_IMPORTED_MODULE_0__.LogLevel.WARN;
    const forward = (...msg) => warn((0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .redactPersonalData */ .Ut)(`slack: ${msg.map(String).join(' ')}`));
    return {
        debug: () => { },
        info: () => { },
        warn: forward,
        error: forward,
        setLevel: (l) => {
            level = l;
        },
        getLevel: () => level,
        setName: () => { },
    };
}
function createSlackClient(options = {}) {
    const policy = options.policy ?? _retry_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_POLICY */ .zj;
    const retries = Math.max(0, policy.maxAttempts - 1);
    const client = new BudgetedWebClient(options.token, {
        slackApiUrl: options.slackApiUrl,
        rejectRateLimitedCalls: false,
        timeout: options.timeoutMs ?? 30_000,
        retryConfig: options.fast
            ? { retries, factor: 2, minTimeout: 0, maxTimeout: 1 }
            : { retries, factor: 2, minTimeout: policy.baseMs, maxTimeout: policy.capMs, randomize: true },
        logger: quietLogger(options.warn ?? ((line) => console.warn(line))),
    });
    client.budget =
        options.budget ??
            (options.fast
                ? undefined
                : (0,_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedBudget */ .Z_)('slack', options.slackApiUrl ?? 'https://slack.com/api/', options.token, () => (0,_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .slackBudget */ .iX)(options.clock ?? _retry_js__WEBPACK_IMPORTED_MODULE_3__/* .systemClock */ .ml)));
    const onRateLimited = options.onRateLimited;
    if (onRateLimited) {
        client.on(_slack_web_api__WEBPACK_IMPORTED_MODULE_0__.WebClientEvent.RATE_LIMITED, (retryAfterSeconds, { url }) => {
            onRateLimited({ method: url.split('/').pop() ?? url, retryAfterSeconds });
        });
    }
    return client;
}


/***/ })

};

//# sourceMappingURL=909.index.js.map