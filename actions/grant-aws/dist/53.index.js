export const id = 53;
export const ids = [53];
export const modules = {

/***/ 2111:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(7085);
const { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = __webpack_require__(8900);
const { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createAggregatedClient } = __webpack_require__(2764);
const { Command: $Command } = __webpack_require__(2764);
__webpack_unused_export__ = $Command;
__webpack_unused_export__ = Client;
const { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = __webpack_require__(817);
const { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = __webpack_require__(5091);
const { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = __webpack_require__(2884);
const { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = __webpack_require__(4919);
const { TypeRegistry, getSchemaSerdePlugin } = __webpack_require__(6908);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(7952);
const { defaultProvider } = __webpack_require__(3081);
const { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(7980);
const { streamCollector, NodeHttpHandler } = __webpack_require__(5830);
const { AwsJson1_1Protocol } = __webpack_require__(7139);
const { Sha256 } = __webpack_require__(4864);

const defaultIdentitystoreHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "identitystore",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultIdentitystoreHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "identitystore",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1137.0";
var packageInfo = {
	version: version};

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]],
        ["stringEquals", [{ fn: f, argv: [h, "name"] }, "aws-us-gov"]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://identitystore-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://identitystore.{Region}.amazonaws.com", i],
        ["https://identitystore-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://identitystore.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://identitystore.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 13, 3,
    1, 4, r + 12,
    2, 5, r + 12,
    3, 8, 6,
    4, 7, r + 11,
    5, r + 9, r + 10,
    4, 11, 9,
    6, 10, r + 8,
    7, r + 6, r + 7,
    5, 12, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 14,
    4, r + 2, r + 3,
]);
const bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
customEndpointFunctions.aws = awsEndpointFunctions;

class IdentitystoreServiceException extends ServiceException {
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, IdentitystoreServiceException.prototype);
    }
}

class AccessDeniedException extends IdentitystoreServiceException {
    name = "AccessDeniedException";
    $fault = "client";
    Message;
    RequestId;
    Reason;
    constructor(opts) {
        super({
            name: "AccessDeniedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccessDeniedException.prototype);
        this.Message = opts.Message;
        this.RequestId = opts.RequestId;
        this.Reason = opts.Reason;
    }
}
class InternalServerException extends IdentitystoreServiceException {
    name = "InternalServerException";
    $fault = "server";
    $retryable = {};
    Message;
    RequestId;
    RetryAfterSeconds;
    constructor(opts) {
        super({
            name: "InternalServerException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, InternalServerException.prototype);
        this.Message = opts.Message;
        this.RequestId = opts.RequestId;
        this.RetryAfterSeconds = opts.RetryAfterSeconds;
    }
}
class ResourceNotFoundException extends IdentitystoreServiceException {
    name = "ResourceNotFoundException";
    $fault = "client";
    ResourceType;
    ResourceId;
    Reason;
    Message;
    RequestId;
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
        this.ResourceType = opts.ResourceType;
        this.ResourceId = opts.ResourceId;
        this.Reason = opts.Reason;
        this.Message = opts.Message;
        this.RequestId = opts.RequestId;
    }
}
class ThrottlingException extends IdentitystoreServiceException {
    name = "ThrottlingException";
    $fault = "client";
    $retryable = {
        throttling: true,
    };
    Message;
    RequestId;
    RetryAfterSeconds;
    Reason;
    constructor(opts) {
        super({
            name: "ThrottlingException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ThrottlingException.prototype);
        this.Message = opts.Message;
        this.RequestId = opts.RequestId;
        this.RetryAfterSeconds = opts.RetryAfterSeconds;
        this.Reason = opts.Reason;
    }
}
class ValidationException extends IdentitystoreServiceException {
    name = "ValidationException";
    $fault = "client";
    Message;
    RequestId;
    Reason;
    constructor(opts) {
        super({
            name: "ValidationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ValidationException.prototype);
        this.Message = opts.Message;
        this.RequestId = opts.RequestId;
        this.Reason = opts.Reason;
    }
}
class ConflictException extends IdentitystoreServiceException {
    name = "ConflictException";
    $fault = "client";
    Message;
    RequestId;
    Reason;
    constructor(opts) {
        super({
            name: "ConflictException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConflictException.prototype);
        this.Message = opts.Message;
        this.RequestId = opts.RequestId;
        this.Reason = opts.Reason;
    }
}
class ServiceQuotaExceededException extends IdentitystoreServiceException {
    name = "ServiceQuotaExceededException";
    $fault = "client";
    Message;
    RequestId;
    constructor(opts) {
        super({
            name: "ServiceQuotaExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceQuotaExceededException.prototype);
        this.Message = opts.Message;
        this.RequestId = opts.RequestId;
    }
}

const _A = "Address";
const _ADE = "AccessDeniedException";
const _AI = "AlternateIdentifier";
const _AO = "AttributeOperation";
const _AOt = "AttributeOperations";
const _AP = "AttributePath";
const _AV = "AttributeValue";
const _Ad = "Addresses";
const _B = "Birthdate";
const _C = "Country";
const _CA = "CreatedAt";
const _CB = "CreatedBy";
const _CE = "ConflictException";
const _CG = "CreateGroup";
const _CGM = "CreateGroupMembership";
const _CGMR = "CreateGroupMembershipRequest";
const _CGMRr = "CreateGroupMembershipResponse";
const _CGR = "CreateGroupRequest";
const _CGRr = "CreateGroupResponse";
const _CU = "CreateUser";
const _CUR = "CreateUserRequest";
const _CURr = "CreateUserResponse";
const _D = "Description";
const _DG = "DeleteGroup";
const _DGM = "DeleteGroupMembership";
const _DGMR = "DeleteGroupMembershipRequest";
const _DGMRe = "DeleteGroupMembershipResponse";
const _DGMRes = "DescribeGroupMembershipRequest";
const _DGMResc = "DescribeGroupMembershipResponse";
const _DGMe = "DescribeGroupMembership";
const _DGR = "DeleteGroupRequest";
const _DGRe = "DeleteGroupResponse";
const _DGRes = "DescribeGroupRequest";
const _DGResc = "DescribeGroupResponse";
const _DGe = "DescribeGroup";
const _DN = "DisplayName";
const _DU = "DeleteUser";
const _DUR = "DeleteUserRequest";
const _DURe = "DeleteUserResponse";
const _DURes = "DescribeUserRequest";
const _DUResc = "DescribeUserResponse";
const _DUe = "DescribeUser";
const _Di = "Display";
const _E = "Emails";
const _EI = "ExternalIds";
const _EII = "ExternalIdIdentifier";
const _EIIx = "ExternalIdIssuer";
const _EIx = "ExternalId";
const _Em = "Email";
const _Ex = "Extensions";
const _F = "Formatted";
const _FN = "FamilyName";
const _Fi = "Filter";
const _Fil = "Filters";
const _G = "Group";
const _GDN = "GroupDisplayName";
const _GGI = "GetGroupId";
const _GGIR = "GetGroupIdRequest";
const _GGIRe = "GetGroupIdResponse";
const _GGMI = "GetGroupMembershipId";
const _GGMIR = "GetGroupMembershipIdRequest";
const _GGMIRe = "GetGroupMembershipIdResponse";
const _GI = "GroupId";
const _GIr = "GroupIds";
const _GM = "GroupMembership";
const _GMER = "GroupMembershipExistenceResult";
const _GMERr = "GroupMembershipExistenceResults";
const _GMr = "GroupMemberships";
const _GN = "GivenName";
const _GUI = "GetUserId";
const _GUIR = "GetUserIdRequest";
const _GUIRe = "GetUserIdResponse";
const _Gr = "Groups";
const _HP = "HonorificPrefix";
const _HS = "HonorificSuffix";
const _I = "Issuer";
const _IMIG = "IsMemberInGroups";
const _IMIGR = "IsMemberInGroupsRequest";
const _IMIGRs = "IsMemberInGroupsResponse";
const _ISE = "InternalServerException";
const _ISI = "IdentityStoreId";
const _Id = "Id";
const _L = "Locality";
const _LG = "ListGroups";
const _LGM = "ListGroupMemberships";
const _LGMFM = "ListGroupMembershipsForMember";
const _LGMFMR = "ListGroupMembershipsForMemberRequest";
const _LGMFMRi = "ListGroupMembershipsForMemberResponse";
const _LGMR = "ListGroupMembershipsRequest";
const _LGMRi = "ListGroupMembershipsResponse";
const _LGR = "ListGroupsRequest";
const _LGRi = "ListGroupsResponse";
const _LU = "ListUsers";
const _LUR = "ListUsersRequest";
const _LURi = "ListUsersResponse";
const _Lo = "Locale";
const _M = "Message";
const _ME = "MembershipExists";
const _MI = "MemberId";
const _MIe = "MembershipId";
const _MN = "MiddleName";
const _MR = "MaxResults";
const _N = "Name";
const _NN = "NickName";
const _NT = "NextToken";
const _O = "Operations";
const _P = "Primary";
const _PC = "PostalCode";
const _PL = "PreferredLanguage";
const _PN = "PhoneNumbers";
const _PNh = "PhoneNumber";
const _PU = "ProfileUrl";
const _Ph = "Photos";
const _Pho = "Photo";
const _R = "Reason";
const _RA = "Retry-After";
const _RAS = "RetryAfterSeconds";
const _RI = "RequestId";
const _RIe = "ResourceId";
const _RNFE = "ResourceNotFoundException";
const _RT = "ResourceType";
const _Re = "Region";
const _Res = "Results";
const _Ro = "Roles";
const _Rol = "Role";
const _SA = "StreetAddress";
const _SQEE = "ServiceQuotaExceededException";
const _SST = "SensitiveStringType";
const _T = "Type";
const _TE = "ThrottlingException";
const _Ti = "Title";
const _Tim = "Timezone";
const _U = "Users";
const _UA = "UpdatedAt";
const _UAn = "UniqueAttribute";
const _UB = "UpdatedBy";
const _UG = "UpdateGroup";
const _UGR = "UpdateGroupRequest";
const _UGRp = "UpdateGroupResponse";
const _UI = "UserId";
const _UN = "UserName";
const _US = "UserStatus";
const _UT = "UserType";
const _UU = "UpdateUser";
const _UUR = "UpdateUserRequest";
const _UURp = "UpdateUserResponse";
const _Us = "User";
const _V = "Value";
const _VE = "ValidationException";
const _W = "Website";
const _c = "client";
const _e = "error";
const _hE = "httpError";
const _hH = "httpHeader";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.identitystore";
const _se = "server";
const n0 = "com.amazonaws.identitystore";
const _s_registry = new TypeRegistry(_s);
var IdentitystoreServiceException$ = [-3, _s, "IdentitystoreServiceException", 0, [], []];
_s_registry.registerError(IdentitystoreServiceException$, IdentitystoreServiceException);
const n0_registry = new TypeRegistry(n0);
var AccessDeniedException$ = [-3, n0, _ADE,
    { [_e]: _c, [_hE]: 403 },
    [_M, _RI, _R],
    [0, 0, 0]
];
n0_registry.registerError(AccessDeniedException$, AccessDeniedException);
var ConflictException$ = [-3, n0, _CE,
    { [_e]: _c, [_hE]: 409 },
    [_M, _RI, _R],
    [0, 0, 0]
];
n0_registry.registerError(ConflictException$, ConflictException);
var InternalServerException$ = [-3, n0, _ISE,
    { [_e]: _se, [_hE]: 500 },
    [_M, _RI, _RAS],
    [0, 0, [1, { [_hH]: _RA }]]
];
n0_registry.registerError(InternalServerException$, InternalServerException);
var ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_e]: _c, [_hE]: 404 },
    [_RT, _RIe, _R, _M, _RI],
    [0, 0, 0, 0, 0]
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var ServiceQuotaExceededException$ = [-3, n0, _SQEE,
    { [_e]: _c, [_hE]: 402 },
    [_M, _RI],
    [0, 0]
];
n0_registry.registerError(ServiceQuotaExceededException$, ServiceQuotaExceededException);
var ThrottlingException$ = [-3, n0, _TE,
    { [_e]: _c, [_hE]: 429 },
    [_M, _RI, _RAS, _R],
    [0, 0, [1, { [_hH]: _RA }], 0]
];
n0_registry.registerError(ThrottlingException$, ThrottlingException);
var ValidationException$ = [-3, n0, _VE,
    { [_e]: _c, [_hE]: 400 },
    [_M, _RI, _R],
    [0, 0, 0]
];
n0_registry.registerError(ValidationException$, ValidationException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var ExternalIdIdentifier = [0, n0, _EII, 8, 0];
var ExternalIdIssuer = [0, n0, _EIIx, 8, 0];
var GroupDisplayName = [0, n0, _GDN, 8, 0];
var SensitiveStringType = [0, n0, _SST, 8, 0];
var UserName = [0, n0, _UN, 8, 0];
var Address$ = [3, n0, _A,
    0,
    [_SA, _L, _Re, _PC, _C, _F, _T, _P],
    [[() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], 2]
];
var AttributeOperation$ = [3, n0, _AO,
    0,
    [_AP, _AV],
    [0, 15], 1
];
var CreateGroupMembershipRequest$ = [3, n0, _CGMR,
    0,
    [_ISI, _GI, _MI],
    [0, 0, () => MemberId$], 3
];
var CreateGroupMembershipResponse$ = [3, n0, _CGMRr,
    0,
    [_MIe, _ISI],
    [0, 0], 2
];
var CreateGroupRequest$ = [3, n0, _CGR,
    0,
    [_ISI, _DN, _D],
    [0, [() => GroupDisplayName, 0], [() => SensitiveStringType, 0]], 1
];
var CreateGroupResponse$ = [3, n0, _CGRr,
    0,
    [_GI, _ISI],
    [0, 0], 2
];
var CreateUserRequest$ = [3, n0, _CUR,
    0,
    [_ISI, _UN, _N, _DN, _NN, _PU, _E, _Ad, _PN, _UT, _Ti, _PL, _Lo, _Tim, _Ph, _W, _B, _Ro, _Ex],
    [0, [() => UserName, 0], [() => Name$, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => Emails, 0], [() => Addresses, 0], [() => PhoneNumbers, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => Photos, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => Roles, 0], 128 | 15], 1
];
var CreateUserResponse$ = [3, n0, _CURr,
    0,
    [_ISI, _UI],
    [0, 0], 2
];
var DeleteGroupMembershipRequest$ = [3, n0, _DGMR,
    0,
    [_ISI, _MIe],
    [0, 0], 2
];
var DeleteGroupMembershipResponse$ = [3, n0, _DGMRe,
    0,
    [],
    []
];
var DeleteGroupRequest$ = [3, n0, _DGR,
    0,
    [_ISI, _GI],
    [0, 0], 2
];
var DeleteGroupResponse$ = [3, n0, _DGRe,
    0,
    [],
    []
];
var DeleteUserRequest$ = [3, n0, _DUR,
    0,
    [_ISI, _UI],
    [0, 0], 2
];
var DeleteUserResponse$ = [3, n0, _DURe,
    0,
    [],
    []
];
var DescribeGroupMembershipRequest$ = [3, n0, _DGMRes,
    0,
    [_ISI, _MIe],
    [0, 0], 2
];
var DescribeGroupMembershipResponse$ = [3, n0, _DGMResc,
    0,
    [_ISI, _MIe, _GI, _MI, _CA, _UA, _CB, _UB],
    [0, 0, 0, () => MemberId$, 4, 4, 0, 0], 4
];
var DescribeGroupRequest$ = [3, n0, _DGRes,
    0,
    [_ISI, _GI],
    [0, 0], 2
];
var DescribeGroupResponse$ = [3, n0, _DGResc,
    0,
    [_GI, _ISI, _DN, _EI, _D, _CA, _UA, _CB, _UB],
    [0, 0, [() => GroupDisplayName, 0], [() => ExternalIds, 0], [() => SensitiveStringType, 0], 4, 4, 0, 0], 2
];
var DescribeUserRequest$ = [3, n0, _DURes,
    0,
    [_ISI, _UI, _Ex],
    [0, 0, 64 | 0], 2
];
var DescribeUserResponse$ = [3, n0, _DUResc,
    0,
    [_ISI, _UI, _UN, _EI, _N, _DN, _NN, _PU, _E, _Ad, _PN, _UT, _Ti, _PL, _Lo, _Tim, _US, _Ph, _W, _B, _Ro, _CA, _CB, _UA, _UB, _Ex],
    [0, 0, [() => UserName, 0], [() => ExternalIds, 0], [() => Name$, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => Emails, 0], [() => Addresses, 0], [() => PhoneNumbers, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], 0, [() => Photos, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => Roles, 0], 4, 0, 4, 0, 128 | 15], 2
];
var Email$ = [3, n0, _Em,
    0,
    [_V, _T, _P],
    [[() => SensitiveStringType, 0], [() => SensitiveStringType, 0], 2]
];
var ExternalId$ = [3, n0, _EIx,
    0,
    [_I, _Id],
    [[() => ExternalIdIssuer, 0], [() => ExternalIdIdentifier, 0]], 2
];
var Filter$ = [3, n0, _Fi,
    0,
    [_AP, _AV],
    [0, [() => SensitiveStringType, 0]], 2
];
var GetGroupIdRequest$ = [3, n0, _GGIR,
    0,
    [_ISI, _AI],
    [0, [() => AlternateIdentifier$, 0]], 2
];
var GetGroupIdResponse$ = [3, n0, _GGIRe,
    0,
    [_GI, _ISI],
    [0, 0], 2
];
var GetGroupMembershipIdRequest$ = [3, n0, _GGMIR,
    0,
    [_ISI, _GI, _MI],
    [0, 0, () => MemberId$], 3
];
var GetGroupMembershipIdResponse$ = [3, n0, _GGMIRe,
    0,
    [_MIe, _ISI],
    [0, 0], 2
];
var GetUserIdRequest$ = [3, n0, _GUIR,
    0,
    [_ISI, _AI],
    [0, [() => AlternateIdentifier$, 0]], 2
];
var GetUserIdResponse$ = [3, n0, _GUIRe,
    0,
    [_ISI, _UI],
    [0, 0], 2
];
var Group$ = [3, n0, _G,
    0,
    [_GI, _ISI, _DN, _EI, _D, _CA, _UA, _CB, _UB],
    [0, 0, [() => GroupDisplayName, 0], [() => ExternalIds, 0], [() => SensitiveStringType, 0], 4, 4, 0, 0], 2
];
var GroupMembership$ = [3, n0, _GM,
    0,
    [_ISI, _MIe, _GI, _MI, _CA, _UA, _CB, _UB],
    [0, 0, 0, () => MemberId$, 4, 4, 0, 0], 1
];
var GroupMembershipExistenceResult$ = [3, n0, _GMER,
    0,
    [_GI, _MI, _ME],
    [0, () => MemberId$, 2]
];
var IsMemberInGroupsRequest$ = [3, n0, _IMIGR,
    0,
    [_ISI, _MI, _GIr],
    [0, () => MemberId$, 64 | 0], 3
];
var IsMemberInGroupsResponse$ = [3, n0, _IMIGRs,
    0,
    [_Res],
    [() => GroupMembershipExistenceResults], 1
];
var ListGroupMembershipsForMemberRequest$ = [3, n0, _LGMFMR,
    0,
    [_ISI, _MI, _MR, _NT],
    [0, () => MemberId$, 1, 0], 2
];
var ListGroupMembershipsForMemberResponse$ = [3, n0, _LGMFMRi,
    0,
    [_GMr, _NT],
    [() => GroupMemberships, 0], 1
];
var ListGroupMembershipsRequest$ = [3, n0, _LGMR,
    0,
    [_ISI, _GI, _MR, _NT],
    [0, 0, 1, 0], 2
];
var ListGroupMembershipsResponse$ = [3, n0, _LGMRi,
    0,
    [_GMr, _NT],
    [() => GroupMemberships, 0], 1
];
var ListGroupsRequest$ = [3, n0, _LGR,
    0,
    [_ISI, _MR, _NT, _Fil],
    [0, 1, 0, [() => Filters, 0]], 1
];
var ListGroupsResponse$ = [3, n0, _LGRi,
    0,
    [_Gr, _NT],
    [[() => Groups, 0], 0], 1
];
var ListUsersRequest$ = [3, n0, _LUR,
    0,
    [_ISI, _Ex, _MR, _NT, _Fil],
    [0, 64 | 0, 1, 0, [() => Filters, 0]], 1
];
var ListUsersResponse$ = [3, n0, _LURi,
    0,
    [_U, _NT],
    [[() => Users, 0], 0], 1
];
var Name$ = [3, n0, _N,
    0,
    [_F, _FN, _GN, _MN, _HP, _HS],
    [[() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0]]
];
var PhoneNumber$ = [3, n0, _PNh,
    0,
    [_V, _T, _P],
    [[() => SensitiveStringType, 0], [() => SensitiveStringType, 0], 2]
];
var Photo$ = [3, n0, _Pho,
    0,
    [_V, _T, _Di, _P],
    [[() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], 2], 1
];
var Role$ = [3, n0, _Rol,
    0,
    [_V, _T, _P],
    [[() => SensitiveStringType, 0], [() => SensitiveStringType, 0], 2]
];
var UniqueAttribute$ = [3, n0, _UAn,
    0,
    [_AP, _AV],
    [0, 15], 2
];
var UpdateGroupRequest$ = [3, n0, _UGR,
    0,
    [_ISI, _GI, _O],
    [0, 0, () => AttributeOperations], 3
];
var UpdateGroupResponse$ = [3, n0, _UGRp,
    0,
    [],
    []
];
var UpdateUserRequest$ = [3, n0, _UUR,
    0,
    [_ISI, _UI, _O],
    [0, 0, () => AttributeOperations], 3
];
var UpdateUserResponse$ = [3, n0, _UURp,
    0,
    [],
    []
];
var User$ = [3, n0, _Us,
    0,
    [_ISI, _UI, _UN, _EI, _N, _DN, _NN, _PU, _E, _Ad, _PN, _UT, _Ti, _PL, _Lo, _Tim, _US, _Ph, _W, _B, _Ro, _CA, _CB, _UA, _UB, _Ex],
    [0, 0, [() => UserName, 0], [() => ExternalIds, 0], [() => Name$, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => Emails, 0], [() => Addresses, 0], [() => PhoneNumbers, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], 0, [() => Photos, 0], [() => SensitiveStringType, 0], [() => SensitiveStringType, 0], [() => Roles, 0], 4, 0, 4, 0, 128 | 15], 2
];
var Addresses = [1, n0, _Ad,
    0, [() => Address$,
        0]
];
var AttributeOperations = [1, n0, _AOt,
    0, () => AttributeOperation$
];
var Emails = [1, n0, _E,
    0, [() => Email$,
        0]
];
var ExternalIds = [1, n0, _EI,
    0, [() => ExternalId$,
        0]
];
var Filters = [1, n0, _Fil,
    0, [() => Filter$,
        0]
];
var GroupMembershipExistenceResults = [1, n0, _GMERr,
    0, () => GroupMembershipExistenceResult$
];
var GroupMemberships = [1, n0, _GMr,
    0, () => GroupMembership$
];
var Groups = [1, n0, _Gr,
    0, [() => Group$,
        0]
];
var PhoneNumbers = [1, n0, _PN,
    0, [() => PhoneNumber$,
        0]
];
var Photos = [1, n0, _Ph,
    0, [() => Photo$,
        0]
];
var Roles = [1, n0, _Ro,
    0, [() => Role$,
        0]
];
var Users = [1, n0, _U,
    0, [() => User$,
        0]
];
var AlternateIdentifier$ = [4, n0, _AI,
    0,
    [_EIx, _UAn],
    [[() => ExternalId$, 0], () => UniqueAttribute$]
];
var MemberId$ = [4, n0, _MI,
    0,
    [_UI],
    [0]
];
var CreateGroup$ = [9, n0, _CG,
    0, () => CreateGroupRequest$, () => CreateGroupResponse$
];
var CreateGroupMembership$ = [9, n0, _CGM,
    0, () => CreateGroupMembershipRequest$, () => CreateGroupMembershipResponse$
];
var CreateUser$ = [9, n0, _CU,
    0, () => CreateUserRequest$, () => CreateUserResponse$
];
var DeleteGroup$ = [9, n0, _DG,
    2, () => DeleteGroupRequest$, () => DeleteGroupResponse$
];
var DeleteGroupMembership$ = [9, n0, _DGM,
    2, () => DeleteGroupMembershipRequest$, () => DeleteGroupMembershipResponse$
];
var DeleteUser$ = [9, n0, _DU,
    2, () => DeleteUserRequest$, () => DeleteUserResponse$
];
var DescribeGroup$ = [9, n0, _DGe,
    0, () => DescribeGroupRequest$, () => DescribeGroupResponse$
];
var DescribeGroupMembership$ = [9, n0, _DGMe,
    0, () => DescribeGroupMembershipRequest$, () => DescribeGroupMembershipResponse$
];
var DescribeUser$ = [9, n0, _DUe,
    0, () => DescribeUserRequest$, () => DescribeUserResponse$
];
var GetGroupId$ = [9, n0, _GGI,
    0, () => GetGroupIdRequest$, () => GetGroupIdResponse$
];
var GetGroupMembershipId$ = [9, n0, _GGMI,
    0, () => GetGroupMembershipIdRequest$, () => GetGroupMembershipIdResponse$
];
var GetUserId$ = [9, n0, _GUI,
    0, () => GetUserIdRequest$, () => GetUserIdResponse$
];
var IsMemberInGroups$ = [9, n0, _IMIG,
    0, () => IsMemberInGroupsRequest$, () => IsMemberInGroupsResponse$
];
var ListGroupMemberships$ = [9, n0, _LGM,
    0, () => ListGroupMembershipsRequest$, () => ListGroupMembershipsResponse$
];
var ListGroupMembershipsForMember$ = [9, n0, _LGMFM,
    0, () => ListGroupMembershipsForMemberRequest$, () => ListGroupMembershipsForMemberResponse$
];
var ListGroups$ = [9, n0, _LG,
    0, () => ListGroupsRequest$, () => ListGroupsResponse$
];
var ListUsers$ = [9, n0, _LU,
    0, () => ListUsersRequest$, () => ListUsersResponse$
];
var UpdateGroup$ = [9, n0, _UG,
    0, () => UpdateGroupRequest$, () => UpdateGroupResponse$
];
var UpdateUser$ = [9, n0, _UU,
    0, () => UpdateUserRequest$, () => UpdateUserResponse$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2020-06-15",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultIdentitystoreHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsJson1_1Protocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.identitystore",
            errorTypeRegistries,
            version: "2020-06-15",
            serviceTarget: "AWSIdentityStore",
        },
        serviceId: config?.serviceId ?? "identitystore",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            loadConfig({
                ...NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class IdentitystoreClient extends Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultIdentitystoreHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = makeBuilder(commonParams, "AWSIdentityStore", "IdentitystoreClient", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class CreateGroupCommand extends command(_ep0, _mw0, "CreateGroup", CreateGroup$) {
}

class CreateGroupMembershipCommand extends command(_ep0, _mw0, "CreateGroupMembership", CreateGroupMembership$) {
}

class CreateUserCommand extends command(_ep0, _mw0, "CreateUser", CreateUser$) {
}

class DeleteGroupCommand extends command(_ep0, _mw0, "DeleteGroup", DeleteGroup$) {
}

class DeleteGroupMembershipCommand extends command(_ep0, _mw0, "DeleteGroupMembership", DeleteGroupMembership$) {
}

class DeleteUserCommand extends command(_ep0, _mw0, "DeleteUser", DeleteUser$) {
}

class DescribeGroupCommand extends command(_ep0, _mw0, "DescribeGroup", DescribeGroup$) {
}

class DescribeGroupMembershipCommand extends command(_ep0, _mw0, "DescribeGroupMembership", DescribeGroupMembership$) {
}

class DescribeUserCommand extends command(_ep0, _mw0, "DescribeUser", DescribeUser$) {
}

class GetGroupIdCommand extends command(_ep0, _mw0, "GetGroupId", GetGroupId$) {
}

class GetGroupMembershipIdCommand extends command(_ep0, _mw0, "GetGroupMembershipId", GetGroupMembershipId$) {
}

class GetUserIdCommand extends command(_ep0, _mw0, "GetUserId", GetUserId$) {
}

class IsMemberInGroupsCommand extends command(_ep0, _mw0, "IsMemberInGroups", IsMemberInGroups$) {
}

class ListGroupMembershipsCommand extends command(_ep0, _mw0, "ListGroupMemberships", ListGroupMemberships$) {
}

class ListGroupMembershipsForMemberCommand extends command(_ep0, _mw0, "ListGroupMembershipsForMember", ListGroupMembershipsForMember$) {
}

class ListGroupsCommand extends command(_ep0, _mw0, "ListGroups", ListGroups$) {
}

class ListUsersCommand extends command(_ep0, _mw0, "ListUsers", ListUsers$) {
}

class UpdateGroupCommand extends command(_ep0, _mw0, "UpdateGroup", UpdateGroup$) {
}

class UpdateUserCommand extends command(_ep0, _mw0, "UpdateUser", UpdateUser$) {
}

const paginateListGroupMembershipsForMember = createPaginator(IdentitystoreClient, ListGroupMembershipsForMemberCommand, "NextToken", "NextToken", "MaxResults");

const paginateListGroupMemberships = createPaginator(IdentitystoreClient, ListGroupMembershipsCommand, "NextToken", "NextToken", "MaxResults");

const paginateListGroups = createPaginator(IdentitystoreClient, ListGroupsCommand, "NextToken", "NextToken", "MaxResults");

const paginateListUsers = createPaginator(IdentitystoreClient, ListUsersCommand, "NextToken", "NextToken", "MaxResults");

const commands = {
    CreateGroupCommand,
    CreateGroupMembershipCommand,
    CreateUserCommand,
    DeleteGroupCommand,
    DeleteGroupMembershipCommand,
    DeleteUserCommand,
    DescribeGroupCommand,
    DescribeGroupMembershipCommand,
    DescribeUserCommand,
    GetGroupIdCommand,
    GetGroupMembershipIdCommand,
    GetUserIdCommand,
    IsMemberInGroupsCommand,
    ListGroupMembershipsCommand,
    ListGroupMembershipsForMemberCommand,
    ListGroupsCommand,
    ListUsersCommand,
    UpdateGroupCommand,
    UpdateUserCommand,
};
const paginators = {
    paginateListGroupMemberships,
    paginateListGroupMembershipsForMember,
    paginateListGroups,
    paginateListUsers,
};
class Identitystore extends IdentitystoreClient {
}
createAggregatedClient(commands, Identitystore, { paginators });

const AccessDeniedExceptionReason = {
    KMS_ACCESS_DENIED: "KMS_ACCESS_DENIED",
};
const ResourceNotFoundExceptionReason = {
    KMS_KEY_NOT_FOUND: "KMS_KEY_NOT_FOUND",
};
const ResourceType = {
    GROUP: "GROUP",
    GROUP_MEMBERSHIP: "GROUP_MEMBERSHIP",
    IDENTITY_STORE: "IDENTITY_STORE",
    RESOURCE_POLICY: "RESOURCE_POLICY",
    USER: "USER",
};
const ThrottlingExceptionReason = {
    KMS_THROTTLING: "KMS_THROTTLING",
};
const ValidationExceptionReason = {
    KMS_DISABLED: "KMS_DISABLED",
    KMS_INVALID_ARN: "KMS_INVALID_ARN",
    KMS_INVALID_KEY_USAGE: "KMS_INVALID_KEY_USAGE",
    KMS_INVALID_STATE: "KMS_INVALID_STATE",
};
const ConflictExceptionReason = {
    CONCURRENT_MODIFICATION: "CONCURRENT_MODIFICATION",
    UNIQUENESS_CONSTRAINT_VIOLATION: "UNIQUENESS_CONSTRAINT_VIOLATION",
};
const UserStatus = {
    DISABLED: "DISABLED",
    ENABLED: "ENABLED",
};

__webpack_unused_export__ = AccessDeniedException;
__webpack_unused_export__ = AccessDeniedException$;
__webpack_unused_export__ = AccessDeniedExceptionReason;
__webpack_unused_export__ = Address$;
__webpack_unused_export__ = AlternateIdentifier$;
__webpack_unused_export__ = AttributeOperation$;
__webpack_unused_export__ = ConflictException;
__webpack_unused_export__ = ConflictException$;
__webpack_unused_export__ = ConflictExceptionReason;
__webpack_unused_export__ = CreateGroup$;
__webpack_unused_export__ = CreateGroupCommand;
__webpack_unused_export__ = CreateGroupMembership$;
exports.h8 = CreateGroupMembershipCommand;
__webpack_unused_export__ = CreateGroupMembershipRequest$;
__webpack_unused_export__ = CreateGroupMembershipResponse$;
__webpack_unused_export__ = CreateGroupRequest$;
__webpack_unused_export__ = CreateGroupResponse$;
__webpack_unused_export__ = CreateUser$;
exports.nM = CreateUserCommand;
__webpack_unused_export__ = CreateUserRequest$;
__webpack_unused_export__ = CreateUserResponse$;
__webpack_unused_export__ = DeleteGroup$;
__webpack_unused_export__ = DeleteGroupCommand;
__webpack_unused_export__ = DeleteGroupMembership$;
exports.IC = DeleteGroupMembershipCommand;
__webpack_unused_export__ = DeleteGroupMembershipRequest$;
__webpack_unused_export__ = DeleteGroupMembershipResponse$;
__webpack_unused_export__ = DeleteGroupRequest$;
__webpack_unused_export__ = DeleteGroupResponse$;
__webpack_unused_export__ = DeleteUser$;
exports.O5 = DeleteUserCommand;
__webpack_unused_export__ = DeleteUserRequest$;
__webpack_unused_export__ = DeleteUserResponse$;
__webpack_unused_export__ = DescribeGroup$;
__webpack_unused_export__ = DescribeGroupCommand;
__webpack_unused_export__ = DescribeGroupMembership$;
__webpack_unused_export__ = DescribeGroupMembershipCommand;
__webpack_unused_export__ = DescribeGroupMembershipRequest$;
__webpack_unused_export__ = DescribeGroupMembershipResponse$;
__webpack_unused_export__ = DescribeGroupRequest$;
__webpack_unused_export__ = DescribeGroupResponse$;
__webpack_unused_export__ = DescribeUser$;
exports.q0 = DescribeUserCommand;
__webpack_unused_export__ = DescribeUserRequest$;
__webpack_unused_export__ = DescribeUserResponse$;
__webpack_unused_export__ = Email$;
__webpack_unused_export__ = ExternalId$;
__webpack_unused_export__ = Filter$;
__webpack_unused_export__ = GetGroupId$;
exports.GG = GetGroupIdCommand;
__webpack_unused_export__ = GetGroupIdRequest$;
__webpack_unused_export__ = GetGroupIdResponse$;
__webpack_unused_export__ = GetGroupMembershipId$;
__webpack_unused_export__ = GetGroupMembershipIdCommand;
__webpack_unused_export__ = GetGroupMembershipIdRequest$;
__webpack_unused_export__ = GetGroupMembershipIdResponse$;
__webpack_unused_export__ = GetUserId$;
exports.YO = GetUserIdCommand;
__webpack_unused_export__ = GetUserIdRequest$;
__webpack_unused_export__ = GetUserIdResponse$;
__webpack_unused_export__ = Group$;
__webpack_unused_export__ = GroupMembership$;
__webpack_unused_export__ = GroupMembershipExistenceResult$;
__webpack_unused_export__ = Identitystore;
exports.bC = IdentitystoreClient;
__webpack_unused_export__ = IdentitystoreServiceException;
__webpack_unused_export__ = IdentitystoreServiceException$;
__webpack_unused_export__ = InternalServerException;
__webpack_unused_export__ = InternalServerException$;
__webpack_unused_export__ = IsMemberInGroups$;
__webpack_unused_export__ = IsMemberInGroupsCommand;
__webpack_unused_export__ = IsMemberInGroupsRequest$;
__webpack_unused_export__ = IsMemberInGroupsResponse$;
__webpack_unused_export__ = ListGroupMemberships$;
__webpack_unused_export__ = ListGroupMembershipsCommand;
__webpack_unused_export__ = ListGroupMembershipsForMember$;
exports.Ti = ListGroupMembershipsForMemberCommand;
__webpack_unused_export__ = ListGroupMembershipsForMemberRequest$;
__webpack_unused_export__ = ListGroupMembershipsForMemberResponse$;
__webpack_unused_export__ = ListGroupMembershipsRequest$;
__webpack_unused_export__ = ListGroupMembershipsResponse$;
__webpack_unused_export__ = ListGroups$;
__webpack_unused_export__ = ListGroupsCommand;
__webpack_unused_export__ = ListGroupsRequest$;
__webpack_unused_export__ = ListGroupsResponse$;
__webpack_unused_export__ = ListUsers$;
__webpack_unused_export__ = ListUsersCommand;
__webpack_unused_export__ = ListUsersRequest$;
__webpack_unused_export__ = ListUsersResponse$;
__webpack_unused_export__ = MemberId$;
__webpack_unused_export__ = Name$;
__webpack_unused_export__ = PhoneNumber$;
__webpack_unused_export__ = Photo$;
__webpack_unused_export__ = ResourceNotFoundException;
__webpack_unused_export__ = ResourceNotFoundException$;
__webpack_unused_export__ = ResourceNotFoundExceptionReason;
__webpack_unused_export__ = ResourceType;
__webpack_unused_export__ = Role$;
__webpack_unused_export__ = ServiceQuotaExceededException;
__webpack_unused_export__ = ServiceQuotaExceededException$;
__webpack_unused_export__ = ThrottlingException;
__webpack_unused_export__ = ThrottlingException$;
__webpack_unused_export__ = ThrottlingExceptionReason;
__webpack_unused_export__ = UniqueAttribute$;
__webpack_unused_export__ = UpdateGroup$;
__webpack_unused_export__ = UpdateGroupCommand;
__webpack_unused_export__ = UpdateGroupRequest$;
__webpack_unused_export__ = UpdateGroupResponse$;
__webpack_unused_export__ = UpdateUser$;
__webpack_unused_export__ = UpdateUserCommand;
__webpack_unused_export__ = UpdateUserRequest$;
__webpack_unused_export__ = UpdateUserResponse$;
__webpack_unused_export__ = User$;
__webpack_unused_export__ = UserStatus;
__webpack_unused_export__ = ValidationException;
__webpack_unused_export__ = ValidationException$;
__webpack_unused_export__ = ValidationExceptionReason;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateListGroupMemberships;
__webpack_unused_export__ = paginateListGroupMembershipsForMember;
__webpack_unused_export__ = paginateListGroups;
__webpack_unused_export__ = paginateListUsers;


/***/ }),

/***/ 355:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(7085);
const { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = __webpack_require__(8900);
const { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createAggregatedClient } = __webpack_require__(2764);
const { Command: $Command } = __webpack_require__(2764);
__webpack_unused_export__ = $Command;
__webpack_unused_export__ = Client;
const { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = __webpack_require__(817);
const { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = __webpack_require__(5091);
const { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = __webpack_require__(2884);
const { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = __webpack_require__(4919);
const { TypeRegistry, getSchemaSerdePlugin } = __webpack_require__(6908);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(7952);
const { defaultProvider } = __webpack_require__(3081);
const { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(7980);
const { streamCollector, NodeHttpHandler } = __webpack_require__(5830);
const { AwsJson1_1Protocol } = __webpack_require__(7139);
const { Sha256 } = __webpack_require__(4864);

const defaultSSOAdminHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "sso",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultSSOAdminHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "sso",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1137.0";
var packageInfo = {
	version: version};

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]],
        ["stringEquals", [{ fn: f, argv: [h, "name"] }, "aws-us-gov"]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://sso-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://sso.{Region}.amazonaws.com", i],
        ["https://sso-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://sso.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://sso.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 13, 3,
    1, 4, r + 12,
    2, 5, r + 12,
    3, 8, 6,
    4, 7, r + 11,
    5, r + 9, r + 10,
    4, 11, 9,
    6, 10, r + 8,
    7, r + 6, r + 7,
    5, 12, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 14,
    4, r + 2, r + 3,
]);
const bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
customEndpointFunctions.aws = awsEndpointFunctions;

class SSOAdminServiceException extends ServiceException {
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, SSOAdminServiceException.prototype);
    }
}

class AccessDeniedException extends SSOAdminServiceException {
    name = "AccessDeniedException";
    $fault = "client";
    Message;
    Reason;
    constructor(opts) {
        super({
            name: "AccessDeniedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccessDeniedException.prototype);
        this.Message = opts.Message;
        this.Reason = opts.Reason;
    }
}
class ConflictException extends SSOAdminServiceException {
    name = "ConflictException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ConflictException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConflictException.prototype);
        this.Message = opts.Message;
    }
}
class InternalServerException extends SSOAdminServiceException {
    name = "InternalServerException";
    $fault = "server";
    Message;
    constructor(opts) {
        super({
            name: "InternalServerException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, InternalServerException.prototype);
        this.Message = opts.Message;
    }
}
class ServiceQuotaExceededException extends SSOAdminServiceException {
    name = "ServiceQuotaExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ServiceQuotaExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceQuotaExceededException.prototype);
        this.Message = opts.Message;
    }
}
class ThrottlingException extends SSOAdminServiceException {
    name = "ThrottlingException";
    $fault = "client";
    Message;
    Reason;
    constructor(opts) {
        super({
            name: "ThrottlingException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ThrottlingException.prototype);
        this.Message = opts.Message;
        this.Reason = opts.Reason;
    }
}
class ValidationException extends SSOAdminServiceException {
    name = "ValidationException";
    $fault = "client";
    Message;
    Reason;
    constructor(opts) {
        super({
            name: "ValidationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ValidationException.prototype);
        this.Message = opts.Message;
        this.Reason = opts.Reason;
    }
}
class ResourceNotFoundException extends SSOAdminServiceException {
    name = "ResourceNotFoundException";
    $fault = "client";
    Message;
    Reason;
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
        this.Message = opts.Message;
        this.Reason = opts.Reason;
    }
}

const _A = "Application";
const _AA = "AccountAssignment";
const _AACRI = "AccountAssignmentCreationRequestId";
const _AACS = "AccountAssignmentCreationStatus";
const _AACSc = "AccountAssignmentsCreationStatus";
const _AADRI = "AccountAssignmentDeletionRequestId";
const _AADS = "AccountAssignmentDeletionStatus";
const _AADSc = "AccountAssignmentsDeletionStatus";
const _AAFP = "AccountAssignmentForPrincipal";
const _AAFPp = "ApplicationAssignmentForPrincipal";
const _AAL = "AccountAssignmentList";
const _AALFP = "AccountAssignmentListForPrincipal";
const _AALFPp = "ApplicationAssignmentListForPrincipal";
const _AALp = "ApplicationAssignmentsList";
const _AAOS = "AccountAssignmentOperationStatus";
const _AAOSL = "AccountAssignmentOperationStatusList";
const _AAOSM = "AccountAssignmentOperationStatusMetadata";
const _AAc = "AccountAssignments";
const _AAp = "ApplicationArn";
const _AApp = "ApplicationAccount";
const _AAppl = "ApplicationAssignment";
const _AAppli = "ApplicationAssignments";
const _AAu = "AuthorizedAudiences";
const _AC = "AuthorizationCode";
const _ACA = "AccessControlAttribute";
const _ACAL = "AccessControlAttributeList";
const _ACAV = "AccessControlAttributeValue";
const _ACAc = "AccessControlAttributes";
const _ACG = "AuthorizationCodeGrant";
const _ACMPRTPS = "AttachCustomerManagedPolicyReferenceToPermissionSet";
const _ACMPRTPSR = "AttachCustomerManagedPolicyReferenceToPermissionSetRequest";
const _ACMPRTPSRt = "AttachCustomerManagedPolicyReferenceToPermissionSetResponse";
const _AD = "AddedDate";
const _ADE = "AccessDeniedException";
const _AI = "AccountId";
const _AIc = "AccountIds";
const _AL = "ApplicationList";
const _AM = "AuthenticationMethod";
const _AMI = "AuthenticationMethodItem";
const _AMP = "AttachedManagedPolicy";
const _AMPL = "AttachedManagedPolicyList";
const _AMPTPS = "AttachManagedPolicyToPermissionSet";
const _AMPTPSR = "AttachManagedPolicyToPermissionSetRequest";
const _AMPTPSRt = "AttachManagedPolicyToPermissionSetResponse";
const _AMPt = "AttachedManagedPolicies";
const _AMT = "AuthenticationMethodType";
const _AMu = "AuthenticationMethods";
const _AP = "ApplicationProvider";
const _APA = "ApplicationProviderArn";
const _APL = "ApplicationProviderList";
const _APc = "ActorPolicy";
const _APp = "ApplicationProviders";
const _AR = "AssignmentRequired";
const _ARR = "AddRegionRequest";
const _ARRd = "AddRegionResponse";
const _ARd = "AddRegion";
const _AT = "AuthorizedTargets";
const _ATI = "AuthorizedTokenIssuer";
const _ATIu = "AuthorizedTokenIssuers";
const _AU = "ApplicationUrl";
const _Ap = "Applications";
const _Ar = "Arn";
const _CA = "CreateApplication";
const _CAA = "CreateAccountAssignment";
const _CAAR = "CreateAccountAssignmentRequest";
const _CAARr = "CreateAccountAssignmentResponse";
const _CAARre = "CreateApplicationAssignmentRequest";
const _CAARrea = "CreateApplicationAssignmentResponse";
const _CAAr = "CreateApplicationAssignment";
const _CAP = "ClaimAttributePath";
const _CAR = "CreateApplicationRequest";
const _CARr = "CreateApplicationResponse";
const _CD = "CreatedDate";
const _CE = "ConflictException";
const _CF = "CreatedFrom";
const _CI = "CreateInstance";
const _CIACAC = "CreateInstanceAccessControlAttributeConfiguration";
const _CIACACR = "CreateInstanceAccessControlAttributeConfigurationRequest";
const _CIACACRr = "CreateInstanceAccessControlAttributeConfigurationResponse";
const _CIR = "CreateInstanceRequest";
const _CIRr = "CreateInstanceResponse";
const _CMPR = "CustomerManagedPolicyReference";
const _CMPRL = "CustomerManagedPolicyReferenceList";
const _CMPRu = "CustomerManagedPolicyReferences";
const _CPS = "CreatePermissionSet";
const _CPSR = "CreatePermissionSetRequest";
const _CPSRr = "CreatePermissionSetResponse";
const _CT = "ClientToken";
const _CTTI = "CreateTrustedTokenIssuer";
const _CTTIR = "CreateTrustedTokenIssuerRequest";
const _CTTIRr = "CreateTrustedTokenIssuerResponse";
const _D = "Description";
const _DA = "DeleteApplication";
const _DAA = "DeleteAccountAssignment";
const _DAACS = "DescribeAccountAssignmentCreationStatus";
const _DAACSR = "DescribeAccountAssignmentCreationStatusRequest";
const _DAACSRe = "DescribeAccountAssignmentCreationStatusResponse";
const _DAADS = "DescribeAccountAssignmentDeletionStatus";
const _DAADSR = "DescribeAccountAssignmentDeletionStatusRequest";
const _DAADSRe = "DescribeAccountAssignmentDeletionStatusResponse";
const _DAAM = "DeleteApplicationAuthenticationMethod";
const _DAAMR = "DeleteApplicationAuthenticationMethodRequest";
const _DAAR = "DeleteAccountAssignmentRequest";
const _DAARe = "DeleteAccountAssignmentResponse";
const _DAARel = "DeleteApplicationAssignmentRequest";
const _DAARele = "DeleteApplicationAssignmentResponse";
const _DAARes = "DescribeApplicationAssignmentRequest";
const _DAAResc = "DescribeApplicationAssignmentResponse";
const _DAAS = "DeleteApplicationAccessScope";
const _DAASR = "DeleteApplicationAccessScopeRequest";
const _DAAe = "DeleteApplicationAssignment";
const _DAAes = "DescribeApplicationAssignment";
const _DAG = "DeleteApplicationGrant";
const _DAGR = "DeleteApplicationGrantRequest";
const _DAP = "DescribeApplicationProvider";
const _DAPR = "DescribeApplicationProviderRequest";
const _DAPRe = "DescribeApplicationProviderResponse";
const _DAR = "DeleteApplicationRequest";
const _DARe = "DeleteApplicationResponse";
const _DARes = "DescribeApplicationRequest";
const _DAResc = "DescribeApplicationResponse";
const _DAe = "DescribeApplication";
const _DCMPRFPS = "DetachCustomerManagedPolicyReferenceFromPermissionSet";
const _DCMPRFPSR = "DetachCustomerManagedPolicyReferenceFromPermissionSetRequest";
const _DCMPRFPSRe = "DetachCustomerManagedPolicyReferenceFromPermissionSetResponse";
const _DD = "DisplayData";
const _DI = "DeleteInstance";
const _DIACAC = "DeleteInstanceAccessControlAttributeConfiguration";
const _DIACACR = "DeleteInstanceAccessControlAttributeConfigurationRequest";
const _DIACACRe = "DeleteInstanceAccessControlAttributeConfigurationResponse";
const _DIACACRes = "DescribeInstanceAccessControlAttributeConfigurationRequest";
const _DIACACResc = "DescribeInstanceAccessControlAttributeConfigurationResponse";
const _DIACACe = "DescribeInstanceAccessControlAttributeConfiguration";
const _DIPFPS = "DeleteInlinePolicyFromPermissionSet";
const _DIPFPSR = "DeleteInlinePolicyFromPermissionSetRequest";
const _DIPFPSRe = "DeleteInlinePolicyFromPermissionSetResponse";
const _DIR = "DeleteInstanceRequest";
const _DIRe = "DeleteInstanceResponse";
const _DIRes = "DescribeInstanceRequest";
const _DIResc = "DescribeInstanceResponse";
const _DIe = "DescribeInstance";
const _DMPFPS = "DetachManagedPolicyFromPermissionSet";
const _DMPFPSR = "DetachManagedPolicyFromPermissionSetRequest";
const _DMPFPSRe = "DetachManagedPolicyFromPermissionSetResponse";
const _DN = "DisplayName";
const _DPBFPS = "DeletePermissionsBoundaryFromPermissionSet";
const _DPBFPSR = "DeletePermissionsBoundaryFromPermissionSetRequest";
const _DPBFPSRe = "DeletePermissionsBoundaryFromPermissionSetResponse";
const _DPS = "DeletePermissionSet";
const _DPSPS = "DescribePermissionSetProvisioningStatus";
const _DPSPSR = "DescribePermissionSetProvisioningStatusRequest";
const _DPSPSRe = "DescribePermissionSetProvisioningStatusResponse";
const _DPSR = "DeletePermissionSetRequest";
const _DPSRe = "DeletePermissionSetResponse";
const _DPSRes = "DescribePermissionSetRequest";
const _DPSResc = "DescribePermissionSetResponse";
const _DPSe = "DescribePermissionSet";
const _DR = "DescribeRegion";
const _DRR = "DescribeRegionRequest";
const _DRRe = "DescribeRegionResponse";
const _DT = "DetailedTitle";
const _DTTI = "DeleteTrustedTokenIssuer";
const _DTTIR = "DeleteTrustedTokenIssuerRequest";
const _DTTIRe = "DeleteTrustedTokenIssuerResponse";
const _DTTIRes = "DescribeTrustedTokenIssuerRequest";
const _DTTIResc = "DescribeTrustedTokenIssuerResponse";
const _DTTIe = "DescribeTrustedTokenIssuer";
const _EC = "EncryptionConfiguration";
const _ECD = "EncryptionConfigurationDetails";
const _ES = "EncryptionStatus";
const _ESR = "EncryptionStatusReason";
const _F = "Filter";
const _FP = "FederationProtocol";
const _FR = "FailureReason";
const _G = "Grant";
const _GAAC = "GetApplicationAssignmentConfiguration";
const _GAACR = "GetApplicationAssignmentConfigurationRequest";
const _GAACRe = "GetApplicationAssignmentConfigurationResponse";
const _GAAM = "GetApplicationAuthenticationMethod";
const _GAAMR = "GetApplicationAuthenticationMethodRequest";
const _GAAMRe = "GetApplicationAuthenticationMethodResponse";
const _GAAS = "GetApplicationAccessScope";
const _GAASR = "GetApplicationAccessScopeRequest";
const _GAASRe = "GetApplicationAccessScopeResponse";
const _GAG = "GetApplicationGrant";
const _GAGR = "GetApplicationGrantRequest";
const _GAGRe = "GetApplicationGrantResponse";
const _GASC = "GetApplicationSessionConfiguration";
const _GASCR = "GetApplicationSessionConfigurationRequest";
const _GASCRe = "GetApplicationSessionConfigurationResponse";
const _GI = "GrantItem";
const _GIPFPS = "GetInlinePolicyForPermissionSet";
const _GIPFPSR = "GetInlinePolicyForPermissionSetRequest";
const _GIPFPSRe = "GetInlinePolicyForPermissionSetResponse";
const _GPBFPS = "GetPermissionsBoundaryForPermissionSet";
const _GPBFPSR = "GetPermissionsBoundaryForPermissionSetRequest";
const _GPBFPSRe = "GetPermissionsBoundaryForPermissionSetResponse";
const _GT = "GrantType";
const _Gr = "Grants";
const _I = "Instances";
const _IA = "InstanceArn";
const _IACAC = "InstanceAccessControlAttributeConfiguration";
const _IAM = "IamAuthenticationMethod";
const _IL = "InstanceList";
const _IM = "InstanceMetadata";
const _IP = "InlinePolicy";
const _IPR = "IsPrimaryRegion";
const _ISA = "IdentityStoreArn";
const _ISAP = "IdentityStoreAttributePath";
const _ISE = "InternalServerException";
const _ISI = "IdentityStoreId";
const _IU = "IconUrl";
const _IUs = "IssuerUrl";
const _Ia = "Iam";
const _JB = "JwtBearer";
const _JBG = "JwtBearerGrant";
const _JRO = "JwksRetrievalOption";
const _K = "Key";
const _KKA = "KmsKeyArn";
const _KT = "KeyType";
const _LA = "ListApplications";
const _LAA = "ListAccountAssignments";
const _LAACS = "ListAccountAssignmentCreationStatus";
const _LAACSR = "ListAccountAssignmentCreationStatusRequest";
const _LAACSRi = "ListAccountAssignmentCreationStatusResponse";
const _LAADS = "ListAccountAssignmentDeletionStatus";
const _LAADSR = "ListAccountAssignmentDeletionStatusRequest";
const _LAADSRi = "ListAccountAssignmentDeletionStatusResponse";
const _LAAF = "ListAccountAssignmentsFilter";
const _LAAFP = "ListAccountAssignmentsForPrincipal";
const _LAAFPR = "ListAccountAssignmentsForPrincipalRequest";
const _LAAFPRi = "ListAccountAssignmentsForPrincipalResponse";
const _LAAFPRis = "ListApplicationAssignmentsForPrincipalRequest";
const _LAAFPRist = "ListApplicationAssignmentsForPrincipalResponse";
const _LAAFPi = "ListApplicationAssignmentsForPrincipal";
const _LAAFi = "ListApplicationAssignmentsFilter";
const _LAAM = "ListApplicationAuthenticationMethods";
const _LAAMR = "ListApplicationAuthenticationMethodsRequest";
const _LAAMRi = "ListApplicationAuthenticationMethodsResponse";
const _LAAR = "ListAccountAssignmentsRequest";
const _LAARi = "ListAccountAssignmentsResponse";
const _LAARis = "ListApplicationAssignmentsRequest";
const _LAARist = "ListApplicationAssignmentsResponse";
const _LAAS = "ListApplicationAccessScopes";
const _LAASR = "ListApplicationAccessScopesRequest";
const _LAASRi = "ListApplicationAccessScopesResponse";
const _LAAi = "ListApplicationAssignments";
const _LAF = "ListApplicationsFilter";
const _LAFPPS = "ListAccountsForProvisionedPermissionSet";
const _LAFPPSR = "ListAccountsForProvisionedPermissionSetRequest";
const _LAFPPSRi = "ListAccountsForProvisionedPermissionSetResponse";
const _LAG = "ListApplicationGrants";
const _LAGR = "ListApplicationGrantsRequest";
const _LAGRi = "ListApplicationGrantsResponse";
const _LAP = "ListApplicationProviders";
const _LAPR = "ListApplicationProvidersRequest";
const _LAPRi = "ListApplicationProvidersResponse";
const _LAR = "ListApplicationsRequest";
const _LARi = "ListApplicationsResponse";
const _LCMPRIPS = "ListCustomerManagedPolicyReferencesInPermissionSet";
const _LCMPRIPSR = "ListCustomerManagedPolicyReferencesInPermissionSetRequest";
const _LCMPRIPSRi = "ListCustomerManagedPolicyReferencesInPermissionSetResponse";
const _LD = "LongDescription";
const _LI = "ListInstances";
const _LIR = "ListInstancesRequest";
const _LIRi = "ListInstancesResponse";
const _LMPIPS = "ListManagedPoliciesInPermissionSet";
const _LMPIPSR = "ListManagedPoliciesInPermissionSetRequest";
const _LMPIPSRi = "ListManagedPoliciesInPermissionSetResponse";
const _LPS = "ListPermissionSets";
const _LPSPS = "ListPermissionSetProvisioningStatus";
const _LPSPSR = "ListPermissionSetProvisioningStatusRequest";
const _LPSPSRi = "ListPermissionSetProvisioningStatusResponse";
const _LPSPTA = "ListPermissionSetsProvisionedToAccount";
const _LPSPTAR = "ListPermissionSetsProvisionedToAccountRequest";
const _LPSPTARi = "ListPermissionSetsProvisionedToAccountResponse";
const _LPSR = "ListPermissionSetsRequest";
const _LPSRi = "ListPermissionSetsResponse";
const _LR = "ListRegions";
const _LRR = "ListRegionsRequest";
const _LRRi = "ListRegionsResponse";
const _LTFR = "ListTagsForResource";
const _LTFRR = "ListTagsForResourceRequest";
const _LTFRRi = "ListTagsForResourceResponse";
const _LTTI = "ListTrustedTokenIssuers";
const _LTTIR = "ListTrustedTokenIssuersRequest";
const _LTTIRi = "ListTrustedTokenIssuersResponse";
const _M = "Message";
const _MPA = "ManagedPolicyArn";
const _MR = "MaxResults";
const _N = "Name";
const _NT = "NextToken";
const _O = "Origin";
const _OAI = "OwnerAccountId";
const _OJC = "OidcJwtConfiguration";
const _OJUC = "OidcJwtUpdateConfiguration";
const _OSF = "OperationStatusFilter";
const _P = "Path";
const _PAAC = "PutApplicationAssignmentConfiguration";
const _PAACR = "PutApplicationAssignmentConfigurationRequest";
const _PAACRu = "PutApplicationAssignmentConfigurationResponse";
const _PAAM = "PutApplicationAuthenticationMethod";
const _PAAMR = "PutApplicationAuthenticationMethodRequest";
const _PAAS = "PutApplicationAccessScope";
const _PAASR = "PutApplicationAccessScopeRequest";
const _PAG = "PutApplicationGrant";
const _PAGR = "PutApplicationGrantRequest";
const _PASC = "PutApplicationSessionConfiguration";
const _PASCR = "PutApplicationSessionConfigurationRequest";
const _PASCRu = "PutApplicationSessionConfigurationResponse";
const _PB = "PermissionsBoundary";
const _PI = "PrincipalId";
const _PIPTPS = "PutInlinePolicyToPermissionSet";
const _PIPTPSR = "PutInlinePolicyToPermissionSetRequest";
const _PIPTPSRu = "PutInlinePolicyToPermissionSetResponse";
const _PO = "PortalOptions";
const _PPBTPS = "PutPermissionsBoundaryToPermissionSet";
const _PPBTPSR = "PutPermissionsBoundaryToPermissionSetRequest";
const _PPBTPSRu = "PutPermissionsBoundaryToPermissionSetResponse";
const _PPS = "ProvisionPermissionSet";
const _PPSR = "ProvisionPermissionSetRequest";
const _PPSRI = "ProvisionPermissionSetRequestId";
const _PPSRr = "ProvisionPermissionSetResponse";
const _PR = "PrimaryRegion";
const _PS = "PermissionSet";
const _PSA = "PermissionSetArn";
const _PSE = "PermissionSetsEnabled";
const _PSPS = "PermissionSetProvisioningStatus";
const _PSPSL = "PermissionSetProvisioningStatusList";
const _PSPSM = "PermissionSetProvisioningStatusMetadata";
const _PSPSe = "PermissionSetsProvisioningStatus";
const _PSe = "PermissionSets";
const _PSr = "ProvisioningStatus";
const _PT = "PrincipalType";
const _R = "Reason";
const _RA = "ResourceArn";
const _RI = "RequestId";
const _RM = "RegionMetadata";
const _RML = "RegionMetadataList";
const _RN = "RegionName";
const _RNFE = "ResourceNotFoundException";
const _RR = "RemoveRegion";
const _RRR = "RemoveRegionRequest";
const _RRRe = "RemoveRegionResponse";
const _RS = "RelayState";
const _RSC = "ResourceServerConfig";
const _RSS = "ResourceServerScopes";
const _RSSD = "ResourceServerScopeDetails";
const _RT = "RefreshToken";
const _RTG = "RefreshTokenGrant";
const _RU = "RedirectUris";
const _Re = "Regions";
const _S = "Source";
const _SD = "SessionDuration";
const _SDc = "ScopeDetails";
const _SIO = "SignInOptions";
const _SQEE = "ServiceQuotaExceededException";
const _SR = "StatusReason";
const _Sc = "Scope";
const _Sco = "Scopes";
const _St = "Status";
const _T = "Tags";
const _TE = "ThrottlingException";
const _TEG = "TokenExchangeGrant";
const _TEo = "TokenExchange";
const _TI = "TargetId";
const _TK = "TagKeys";
const _TL = "TagList";
const _TR = "TagResource";
const _TRR = "TagResourceRequest";
const _TRRa = "TagResourceResponse";
const _TT = "TargetType";
const _TTI = "TrustedTokenIssuers";
const _TTIA = "TrustedTokenIssuerArn";
const _TTIC = "TrustedTokenIssuerConfiguration";
const _TTIL = "TrustedTokenIssuerList";
const _TTIM = "TrustedTokenIssuerMetadata";
const _TTIT = "TrustedTokenIssuerType";
const _TTIUC = "TrustedTokenIssuerUpdateConfiguration";
const _Ta = "Tag";
const _UA = "UpdateApplication";
const _UAPO = "UpdateApplicationPortalOptions";
const _UAR = "UpdateApplicationRequest";
const _UARp = "UpdateApplicationResponse";
const _UBSAS = "UserBackgroundSessionApplicationStatus";
const _UI = "UpdateInstance";
const _UIACAC = "UpdateInstanceAccessControlAttributeConfiguration";
const _UIACACR = "UpdateInstanceAccessControlAttributeConfigurationRequest";
const _UIACACRp = "UpdateInstanceAccessControlAttributeConfigurationResponse";
const _UIR = "UpdateInstanceRequest";
const _UIRp = "UpdateInstanceResponse";
const _UPS = "UpdatePermissionSet";
const _UPSR = "UpdatePermissionSetRequest";
const _UPSRp = "UpdatePermissionSetResponse";
const _UR = "UntagResource";
const _URR = "UntagResourceRequest";
const _URRn = "UntagResourceResponse";
const _UTTI = "UpdateTrustedTokenIssuer";
const _UTTIR = "UpdateTrustedTokenIssuerRequest";
const _UTTIRp = "UpdateTrustedTokenIssuerResponse";
const _V = "Value";
const _VE = "ValidationException";
const _Vi = "Visibility";
const _c = "client";
const _e = "error";
const _hE = "httpError";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.ssoadmin";
const _se = "server";
const n0 = "com.amazonaws.ssoadmin";
const _s_registry = new TypeRegistry(_s);
var SSOAdminServiceException$ = [-3, _s, "SSOAdminServiceException", 0, [], []];
_s_registry.registerError(SSOAdminServiceException$, SSOAdminServiceException);
const n0_registry = new TypeRegistry(n0);
var AccessDeniedException$ = [-3, n0, _ADE,
    { [_e]: _c, [_hE]: 403 },
    [_M, _R],
    [0, 0]
];
n0_registry.registerError(AccessDeniedException$, AccessDeniedException);
var ConflictException$ = [-3, n0, _CE,
    { [_e]: _c, [_hE]: 409 },
    [_M],
    [0]
];
n0_registry.registerError(ConflictException$, ConflictException);
var InternalServerException$ = [-3, n0, _ISE,
    { [_e]: _se, [_hE]: 500 },
    [_M],
    [0]
];
n0_registry.registerError(InternalServerException$, InternalServerException);
var ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_e]: _c, [_hE]: 404 },
    [_M, _R],
    [0, 0]
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var ServiceQuotaExceededException$ = [-3, n0, _SQEE,
    { [_e]: _c, [_hE]: 402 },
    [_M],
    [0]
];
n0_registry.registerError(ServiceQuotaExceededException$, ServiceQuotaExceededException);
var ThrottlingException$ = [-3, n0, _TE,
    { [_e]: _c, [_hE]: 429 },
    [_M, _R],
    [0, 0]
];
n0_registry.registerError(ThrottlingException$, ThrottlingException);
var ValidationException$ = [-3, n0, _VE,
    { [_e]: _c, [_hE]: 400 },
    [_M, _R],
    [0, 0]
];
n0_registry.registerError(ValidationException$, ValidationException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var AccessControlAttribute$ = [3, n0, _ACA,
    0,
    [_K, _V],
    [0, () => AccessControlAttributeValue$], 2
];
var AccessControlAttributeValue$ = [3, n0, _ACAV,
    0,
    [_S],
    [64 | 0], 1
];
var AccountAssignment$ = [3, n0, _AA,
    0,
    [_AI, _PSA, _PT, _PI],
    [0, 0, 0, 0]
];
var AccountAssignmentForPrincipal$ = [3, n0, _AAFP,
    0,
    [_AI, _PSA, _PI, _PT],
    [0, 0, 0, 0]
];
var AccountAssignmentOperationStatus$ = [3, n0, _AAOS,
    0,
    [_St, _RI, _FR, _TI, _TT, _PSA, _PT, _PI, _CD],
    [0, 0, 0, 0, 0, 0, 0, 0, 4]
];
var AccountAssignmentOperationStatusMetadata$ = [3, n0, _AAOSM,
    0,
    [_St, _RI, _CD],
    [0, 0, 4]
];
var AddRegionRequest$ = [3, n0, _ARR,
    0,
    [_IA, _RN],
    [0, 0], 2
];
var AddRegionResponse$ = [3, n0, _ARRd,
    0,
    [_St],
    [0]
];
var Application$ = [3, n0, _A,
    0,
    [_AAp, _APA, _N, _AApp, _IA, _ISA, _St, _PO, _D, _CD, _CF],
    [0, 0, 0, 0, 0, 0, 0, () => PortalOptions$, 0, 4, 0]
];
var ApplicationAssignment$ = [3, n0, _AAppl,
    0,
    [_AAp, _PI, _PT],
    [0, 0, 0], 3
];
var ApplicationAssignmentForPrincipal$ = [3, n0, _AAFPp,
    0,
    [_AAp, _PI, _PT],
    [0, 0, 0]
];
var ApplicationProvider$ = [3, n0, _AP,
    0,
    [_APA, _FP, _DD, _RSC],
    [0, 0, () => DisplayData$, () => ResourceServerConfig$], 1
];
var AttachCustomerManagedPolicyReferenceToPermissionSetRequest$ = [3, n0, _ACMPRTPSR,
    0,
    [_IA, _PSA, _CMPR],
    [0, 0, () => CustomerManagedPolicyReference$], 3
];
var AttachCustomerManagedPolicyReferenceToPermissionSetResponse$ = [3, n0, _ACMPRTPSRt,
    0,
    [],
    []
];
var AttachedManagedPolicy$ = [3, n0, _AMP,
    0,
    [_N, _Ar],
    [0, 0]
];
var AttachManagedPolicyToPermissionSetRequest$ = [3, n0, _AMPTPSR,
    0,
    [_IA, _PSA, _MPA],
    [0, 0, 0], 3
];
var AttachManagedPolicyToPermissionSetResponse$ = [3, n0, _AMPTPSRt,
    0,
    [],
    []
];
var AuthenticationMethodItem$ = [3, n0, _AMI,
    0,
    [_AMT, _AM],
    [0, () => AuthenticationMethod$]
];
var AuthorizationCodeGrant$ = [3, n0, _ACG,
    0,
    [_RU],
    [64 | 0]
];
var AuthorizedTokenIssuer$ = [3, n0, _ATI,
    0,
    [_TTIA, _AAu],
    [0, 64 | 0]
];
var CreateAccountAssignmentRequest$ = [3, n0, _CAAR,
    0,
    [_IA, _TI, _TT, _PSA, _PT, _PI],
    [0, 0, 0, 0, 0, 0], 6
];
var CreateAccountAssignmentResponse$ = [3, n0, _CAARr,
    0,
    [_AACS],
    [() => AccountAssignmentOperationStatus$]
];
var CreateApplicationAssignmentRequest$ = [3, n0, _CAARre,
    0,
    [_AAp, _PI, _PT],
    [0, 0, 0], 3
];
var CreateApplicationAssignmentResponse$ = [3, n0, _CAARrea,
    0,
    [],
    []
];
var CreateApplicationRequest$ = [3, n0, _CAR,
    0,
    [_IA, _APA, _N, _D, _PO, _T, _St, _CT],
    [0, 0, 0, 0, () => PortalOptions$, () => TagList, 0, [0, 4]], 3
];
var CreateApplicationResponse$ = [3, n0, _CARr,
    0,
    [_AAp, _IA, _ISA],
    [0, 0, 0]
];
var CreateInstanceAccessControlAttributeConfigurationRequest$ = [3, n0, _CIACACR,
    0,
    [_IA, _IACAC],
    [0, () => InstanceAccessControlAttributeConfiguration$], 2
];
var CreateInstanceAccessControlAttributeConfigurationResponse$ = [3, n0, _CIACACRr,
    0,
    [],
    []
];
var CreateInstanceRequest$ = [3, n0, _CIR,
    0,
    [_N, _CT, _T],
    [0, [0, 4], () => TagList]
];
var CreateInstanceResponse$ = [3, n0, _CIRr,
    0,
    [_IA],
    [0]
];
var CreatePermissionSetRequest$ = [3, n0, _CPSR,
    0,
    [_N, _IA, _D, _SD, _RS, _T],
    [0, 0, 0, 0, 0, () => TagList], 2
];
var CreatePermissionSetResponse$ = [3, n0, _CPSRr,
    0,
    [_PS],
    [() => PermissionSet$]
];
var CreateTrustedTokenIssuerRequest$ = [3, n0, _CTTIR,
    0,
    [_IA, _N, _TTIT, _TTIC, _CT, _T],
    [0, 0, 0, () => TrustedTokenIssuerConfiguration$, [0, 4], () => TagList], 4
];
var CreateTrustedTokenIssuerResponse$ = [3, n0, _CTTIRr,
    0,
    [_TTIA],
    [0]
];
var CustomerManagedPolicyReference$ = [3, n0, _CMPR,
    0,
    [_N, _P],
    [0, 0], 1
];
var DeleteAccountAssignmentRequest$ = [3, n0, _DAAR,
    0,
    [_IA, _TI, _TT, _PSA, _PT, _PI],
    [0, 0, 0, 0, 0, 0], 6
];
var DeleteAccountAssignmentResponse$ = [3, n0, _DAARe,
    0,
    [_AADS],
    [() => AccountAssignmentOperationStatus$]
];
var DeleteApplicationAccessScopeRequest$ = [3, n0, _DAASR,
    0,
    [_AAp, _Sc],
    [0, 0], 2
];
var DeleteApplicationAssignmentRequest$ = [3, n0, _DAARel,
    0,
    [_AAp, _PI, _PT],
    [0, 0, 0], 3
];
var DeleteApplicationAssignmentResponse$ = [3, n0, _DAARele,
    0,
    [],
    []
];
var DeleteApplicationAuthenticationMethodRequest$ = [3, n0, _DAAMR,
    0,
    [_AAp, _AMT],
    [0, 0], 2
];
var DeleteApplicationGrantRequest$ = [3, n0, _DAGR,
    0,
    [_AAp, _GT],
    [0, 0], 2
];
var DeleteApplicationRequest$ = [3, n0, _DAR,
    0,
    [_AAp],
    [0], 1
];
var DeleteApplicationResponse$ = [3, n0, _DARe,
    0,
    [],
    []
];
var DeleteInlinePolicyFromPermissionSetRequest$ = [3, n0, _DIPFPSR,
    0,
    [_IA, _PSA],
    [0, 0], 2
];
var DeleteInlinePolicyFromPermissionSetResponse$ = [3, n0, _DIPFPSRe,
    0,
    [],
    []
];
var DeleteInstanceAccessControlAttributeConfigurationRequest$ = [3, n0, _DIACACR,
    0,
    [_IA],
    [0], 1
];
var DeleteInstanceAccessControlAttributeConfigurationResponse$ = [3, n0, _DIACACRe,
    0,
    [],
    []
];
var DeleteInstanceRequest$ = [3, n0, _DIR,
    0,
    [_IA],
    [0], 1
];
var DeleteInstanceResponse$ = [3, n0, _DIRe,
    0,
    [],
    []
];
var DeletePermissionsBoundaryFromPermissionSetRequest$ = [3, n0, _DPBFPSR,
    0,
    [_IA, _PSA],
    [0, 0], 2
];
var DeletePermissionsBoundaryFromPermissionSetResponse$ = [3, n0, _DPBFPSRe,
    0,
    [],
    []
];
var DeletePermissionSetRequest$ = [3, n0, _DPSR,
    0,
    [_IA, _PSA],
    [0, 0], 2
];
var DeletePermissionSetResponse$ = [3, n0, _DPSRe,
    0,
    [],
    []
];
var DeleteTrustedTokenIssuerRequest$ = [3, n0, _DTTIR,
    0,
    [_TTIA],
    [0], 1
];
var DeleteTrustedTokenIssuerResponse$ = [3, n0, _DTTIRe,
    0,
    [],
    []
];
var DescribeAccountAssignmentCreationStatusRequest$ = [3, n0, _DAACSR,
    0,
    [_IA, _AACRI],
    [0, 0], 2
];
var DescribeAccountAssignmentCreationStatusResponse$ = [3, n0, _DAACSRe,
    0,
    [_AACS],
    [() => AccountAssignmentOperationStatus$]
];
var DescribeAccountAssignmentDeletionStatusRequest$ = [3, n0, _DAADSR,
    0,
    [_IA, _AADRI],
    [0, 0], 2
];
var DescribeAccountAssignmentDeletionStatusResponse$ = [3, n0, _DAADSRe,
    0,
    [_AADS],
    [() => AccountAssignmentOperationStatus$]
];
var DescribeApplicationAssignmentRequest$ = [3, n0, _DAARes,
    0,
    [_AAp, _PI, _PT],
    [0, 0, 0], 3
];
var DescribeApplicationAssignmentResponse$ = [3, n0, _DAAResc,
    0,
    [_PT, _PI, _AAp],
    [0, 0, 0]
];
var DescribeApplicationProviderRequest$ = [3, n0, _DAPR,
    0,
    [_APA],
    [0], 1
];
var DescribeApplicationProviderResponse$ = [3, n0, _DAPRe,
    0,
    [_APA, _FP, _DD, _RSC],
    [0, 0, () => DisplayData$, () => ResourceServerConfig$], 1
];
var DescribeApplicationRequest$ = [3, n0, _DARes,
    0,
    [_AAp],
    [0], 1
];
var DescribeApplicationResponse$ = [3, n0, _DAResc,
    0,
    [_AAp, _APA, _N, _AApp, _IA, _ISA, _St, _PO, _D, _CD, _CF],
    [0, 0, 0, 0, 0, 0, 0, () => PortalOptions$, 0, 4, 0]
];
var DescribeInstanceAccessControlAttributeConfigurationRequest$ = [3, n0, _DIACACRes,
    0,
    [_IA],
    [0], 1
];
var DescribeInstanceAccessControlAttributeConfigurationResponse$ = [3, n0, _DIACACResc,
    0,
    [_St, _SR, _IACAC],
    [0, 0, () => InstanceAccessControlAttributeConfiguration$]
];
var DescribeInstanceRequest$ = [3, n0, _DIRes,
    0,
    [_IA],
    [0], 1
];
var DescribeInstanceResponse$ = [3, n0, _DIResc,
    0,
    [_IA, _ISI, _ISA, _OAI, _N, _CD, _St, _SR, _PR, _Re, _ECD, _PSE],
    [0, 0, 0, 0, 0, 4, 0, 0, 0, () => RegionMetadataList, () => EncryptionConfigurationDetails$, 2]
];
var DescribePermissionSetProvisioningStatusRequest$ = [3, n0, _DPSPSR,
    0,
    [_IA, _PPSRI],
    [0, 0], 2
];
var DescribePermissionSetProvisioningStatusResponse$ = [3, n0, _DPSPSRe,
    0,
    [_PSPS],
    [() => PermissionSetProvisioningStatus$]
];
var DescribePermissionSetRequest$ = [3, n0, _DPSRes,
    0,
    [_IA, _PSA],
    [0, 0], 2
];
var DescribePermissionSetResponse$ = [3, n0, _DPSResc,
    0,
    [_PS],
    [() => PermissionSet$]
];
var DescribeRegionRequest$ = [3, n0, _DRR,
    0,
    [_IA, _RN],
    [0, 0], 2
];
var DescribeRegionResponse$ = [3, n0, _DRRe,
    0,
    [_RN, _St, _AD, _IPR],
    [0, 0, 4, 2]
];
var DescribeTrustedTokenIssuerRequest$ = [3, n0, _DTTIRes,
    0,
    [_TTIA],
    [0], 1
];
var DescribeTrustedTokenIssuerResponse$ = [3, n0, _DTTIResc,
    0,
    [_TTIA, _N, _TTIT, _TTIC],
    [0, 0, 0, () => TrustedTokenIssuerConfiguration$]
];
var DetachCustomerManagedPolicyReferenceFromPermissionSetRequest$ = [3, n0, _DCMPRFPSR,
    0,
    [_IA, _PSA, _CMPR],
    [0, 0, () => CustomerManagedPolicyReference$], 3
];
var DetachCustomerManagedPolicyReferenceFromPermissionSetResponse$ = [3, n0, _DCMPRFPSRe,
    0,
    [],
    []
];
var DetachManagedPolicyFromPermissionSetRequest$ = [3, n0, _DMPFPSR,
    0,
    [_IA, _PSA, _MPA],
    [0, 0, 0], 3
];
var DetachManagedPolicyFromPermissionSetResponse$ = [3, n0, _DMPFPSRe,
    0,
    [],
    []
];
var DisplayData$ = [3, n0, _DD,
    0,
    [_DN, _IU, _D],
    [0, 0, 0]
];
var EncryptionConfiguration$ = [3, n0, _EC,
    0,
    [_KT, _KKA],
    [0, 0], 1
];
var EncryptionConfigurationDetails$ = [3, n0, _ECD,
    0,
    [_KT, _KKA, _ES, _ESR],
    [0, 0, 0, 0]
];
var GetApplicationAccessScopeRequest$ = [3, n0, _GAASR,
    0,
    [_AAp, _Sc],
    [0, 0], 2
];
var GetApplicationAccessScopeResponse$ = [3, n0, _GAASRe,
    0,
    [_Sc, _AT],
    [0, 64 | 0], 1
];
var GetApplicationAssignmentConfigurationRequest$ = [3, n0, _GAACR,
    0,
    [_AAp],
    [0], 1
];
var GetApplicationAssignmentConfigurationResponse$ = [3, n0, _GAACRe,
    0,
    [_AR],
    [2], 1
];
var GetApplicationAuthenticationMethodRequest$ = [3, n0, _GAAMR,
    0,
    [_AAp, _AMT],
    [0, 0], 2
];
var GetApplicationAuthenticationMethodResponse$ = [3, n0, _GAAMRe,
    0,
    [_AM],
    [() => AuthenticationMethod$]
];
var GetApplicationGrantRequest$ = [3, n0, _GAGR,
    0,
    [_AAp, _GT],
    [0, 0], 2
];
var GetApplicationGrantResponse$ = [3, n0, _GAGRe,
    0,
    [_G],
    [() => Grant$], 1
];
var GetApplicationSessionConfigurationRequest$ = [3, n0, _GASCR,
    0,
    [_AAp],
    [0], 1
];
var GetApplicationSessionConfigurationResponse$ = [3, n0, _GASCRe,
    0,
    [_UBSAS],
    [0]
];
var GetInlinePolicyForPermissionSetRequest$ = [3, n0, _GIPFPSR,
    0,
    [_IA, _PSA],
    [0, 0], 2
];
var GetInlinePolicyForPermissionSetResponse$ = [3, n0, _GIPFPSRe,
    0,
    [_IP],
    [0]
];
var GetPermissionsBoundaryForPermissionSetRequest$ = [3, n0, _GPBFPSR,
    0,
    [_IA, _PSA],
    [0, 0], 2
];
var GetPermissionsBoundaryForPermissionSetResponse$ = [3, n0, _GPBFPSRe,
    0,
    [_PB],
    [() => PermissionsBoundary$]
];
var GrantItem$ = [3, n0, _GI,
    0,
    [_GT, _G],
    [0, () => Grant$], 2
];
var IamAuthenticationMethod$ = [3, n0, _IAM,
    0,
    [_APc],
    [15], 1
];
var InstanceAccessControlAttributeConfiguration$ = [3, n0, _IACAC,
    0,
    [_ACAc],
    [() => AccessControlAttributeList], 1
];
var InstanceMetadata$ = [3, n0, _IM,
    0,
    [_IA, _ISI, _ISA, _OAI, _N, _CD, _St, _SR, _PR, _Re],
    [0, 0, 0, 0, 0, 4, 0, 0, 0, () => RegionMetadataList]
];
var JwtBearerGrant$ = [3, n0, _JBG,
    0,
    [_ATIu],
    [() => AuthorizedTokenIssuers]
];
var ListAccountAssignmentCreationStatusRequest$ = [3, n0, _LAACSR,
    0,
    [_IA, _MR, _NT, _F],
    [0, 1, 0, () => OperationStatusFilter$], 1
];
var ListAccountAssignmentCreationStatusResponse$ = [3, n0, _LAACSRi,
    0,
    [_AACSc, _NT],
    [() => AccountAssignmentOperationStatusList, 0]
];
var ListAccountAssignmentDeletionStatusRequest$ = [3, n0, _LAADSR,
    0,
    [_IA, _MR, _NT, _F],
    [0, 1, 0, () => OperationStatusFilter$], 1
];
var ListAccountAssignmentDeletionStatusResponse$ = [3, n0, _LAADSRi,
    0,
    [_AADSc, _NT],
    [() => AccountAssignmentOperationStatusList, 0]
];
var ListAccountAssignmentsFilter$ = [3, n0, _LAAF,
    0,
    [_AI],
    [0]
];
var ListAccountAssignmentsForPrincipalRequest$ = [3, n0, _LAAFPR,
    0,
    [_IA, _PI, _PT, _F, _NT, _MR],
    [0, 0, 0, () => ListAccountAssignmentsFilter$, 0, 1], 3
];
var ListAccountAssignmentsForPrincipalResponse$ = [3, n0, _LAAFPRi,
    0,
    [_AAc, _NT],
    [() => AccountAssignmentListForPrincipal, 0]
];
var ListAccountAssignmentsRequest$ = [3, n0, _LAAR,
    0,
    [_IA, _AI, _PSA, _MR, _NT],
    [0, 0, 0, 1, 0], 3
];
var ListAccountAssignmentsResponse$ = [3, n0, _LAARi,
    0,
    [_AAc, _NT],
    [() => AccountAssignmentList, 0]
];
var ListAccountsForProvisionedPermissionSetRequest$ = [3, n0, _LAFPPSR,
    0,
    [_IA, _PSA, _PSr, _MR, _NT],
    [0, 0, 0, 1, 0], 2
];
var ListAccountsForProvisionedPermissionSetResponse$ = [3, n0, _LAFPPSRi,
    0,
    [_AIc, _NT],
    [64 | 0, 0]
];
var ListApplicationAccessScopesRequest$ = [3, n0, _LAASR,
    0,
    [_AAp, _MR, _NT],
    [0, 1, 0], 1
];
var ListApplicationAccessScopesResponse$ = [3, n0, _LAASRi,
    0,
    [_Sco, _NT],
    [() => Scopes, 0], 1
];
var ListApplicationAssignmentsFilter$ = [3, n0, _LAAFi,
    0,
    [_AAp],
    [0]
];
var ListApplicationAssignmentsForPrincipalRequest$ = [3, n0, _LAAFPRis,
    0,
    [_IA, _PI, _PT, _F, _NT, _MR],
    [0, 0, 0, () => ListApplicationAssignmentsFilter$, 0, 1], 3
];
var ListApplicationAssignmentsForPrincipalResponse$ = [3, n0, _LAAFPRist,
    0,
    [_AAppli, _NT],
    [() => ApplicationAssignmentListForPrincipal, 0]
];
var ListApplicationAssignmentsRequest$ = [3, n0, _LAARis,
    0,
    [_AAp, _MR, _NT],
    [0, 1, 0], 1
];
var ListApplicationAssignmentsResponse$ = [3, n0, _LAARist,
    0,
    [_AAppli, _NT],
    [() => ApplicationAssignmentsList, 0]
];
var ListApplicationAuthenticationMethodsRequest$ = [3, n0, _LAAMR,
    0,
    [_AAp, _NT],
    [0, 0], 1
];
var ListApplicationAuthenticationMethodsResponse$ = [3, n0, _LAAMRi,
    0,
    [_AMu, _NT],
    [() => AuthenticationMethods, 0]
];
var ListApplicationGrantsRequest$ = [3, n0, _LAGR,
    0,
    [_AAp, _NT],
    [0, 0], 1
];
var ListApplicationGrantsResponse$ = [3, n0, _LAGRi,
    0,
    [_Gr, _NT],
    [() => Grants, 0], 1
];
var ListApplicationProvidersRequest$ = [3, n0, _LAPR,
    0,
    [_MR, _NT],
    [1, 0]
];
var ListApplicationProvidersResponse$ = [3, n0, _LAPRi,
    0,
    [_APp, _NT],
    [() => ApplicationProviderList, 0]
];
var ListApplicationsFilter$ = [3, n0, _LAF,
    0,
    [_AApp, _AP],
    [0, 0]
];
var ListApplicationsRequest$ = [3, n0, _LAR,
    0,
    [_IA, _MR, _NT, _F],
    [0, 1, 0, () => ListApplicationsFilter$], 1
];
var ListApplicationsResponse$ = [3, n0, _LARi,
    0,
    [_Ap, _NT],
    [() => ApplicationList, 0]
];
var ListCustomerManagedPolicyReferencesInPermissionSetRequest$ = [3, n0, _LCMPRIPSR,
    0,
    [_IA, _PSA, _MR, _NT],
    [0, 0, 1, 0], 2
];
var ListCustomerManagedPolicyReferencesInPermissionSetResponse$ = [3, n0, _LCMPRIPSRi,
    0,
    [_CMPRu, _NT],
    [() => CustomerManagedPolicyReferenceList, 0]
];
var ListInstancesRequest$ = [3, n0, _LIR,
    0,
    [_MR, _NT],
    [1, 0]
];
var ListInstancesResponse$ = [3, n0, _LIRi,
    0,
    [_I, _NT],
    [() => InstanceList, 0]
];
var ListManagedPoliciesInPermissionSetRequest$ = [3, n0, _LMPIPSR,
    0,
    [_IA, _PSA, _MR, _NT],
    [0, 0, 1, 0], 2
];
var ListManagedPoliciesInPermissionSetResponse$ = [3, n0, _LMPIPSRi,
    0,
    [_AMPt, _NT],
    [() => AttachedManagedPolicyList, 0]
];
var ListPermissionSetProvisioningStatusRequest$ = [3, n0, _LPSPSR,
    0,
    [_IA, _MR, _NT, _F],
    [0, 1, 0, () => OperationStatusFilter$], 1
];
var ListPermissionSetProvisioningStatusResponse$ = [3, n0, _LPSPSRi,
    0,
    [_PSPSe, _NT],
    [() => PermissionSetProvisioningStatusList, 0]
];
var ListPermissionSetsProvisionedToAccountRequest$ = [3, n0, _LPSPTAR,
    0,
    [_IA, _AI, _PSr, _MR, _NT],
    [0, 0, 0, 1, 0], 2
];
var ListPermissionSetsProvisionedToAccountResponse$ = [3, n0, _LPSPTARi,
    0,
    [_NT, _PSe],
    [0, 64 | 0]
];
var ListPermissionSetsRequest$ = [3, n0, _LPSR,
    0,
    [_IA, _NT, _MR],
    [0, 0, 1], 1
];
var ListPermissionSetsResponse$ = [3, n0, _LPSRi,
    0,
    [_PSe, _NT],
    [64 | 0, 0]
];
var ListRegionsRequest$ = [3, n0, _LRR,
    0,
    [_IA, _MR, _NT],
    [0, 1, 0], 1
];
var ListRegionsResponse$ = [3, n0, _LRRi,
    0,
    [_Re, _NT],
    [() => RegionMetadataList, 0]
];
var ListTagsForResourceRequest$ = [3, n0, _LTFRR,
    0,
    [_RA, _IA, _NT],
    [0, 0, 0], 1
];
var ListTagsForResourceResponse$ = [3, n0, _LTFRRi,
    0,
    [_T, _NT],
    [() => TagList, 0]
];
var ListTrustedTokenIssuersRequest$ = [3, n0, _LTTIR,
    0,
    [_IA, _MR, _NT],
    [0, 1, 0], 1
];
var ListTrustedTokenIssuersResponse$ = [3, n0, _LTTIRi,
    0,
    [_TTI, _NT],
    [() => TrustedTokenIssuerList, 0]
];
var OidcJwtConfiguration$ = [3, n0, _OJC,
    0,
    [_IUs, _CAP, _ISAP, _JRO],
    [0, 0, 0, 0], 4
];
var OidcJwtUpdateConfiguration$ = [3, n0, _OJUC,
    0,
    [_CAP, _ISAP, _JRO],
    [0, 0, 0]
];
var OperationStatusFilter$ = [3, n0, _OSF,
    0,
    [_St],
    [0]
];
var PermissionsBoundary$ = [3, n0, _PB,
    0,
    [_CMPR, _MPA],
    [() => CustomerManagedPolicyReference$, 0]
];
var PermissionSet$ = [3, n0, _PS,
    0,
    [_N, _PSA, _D, _CD, _SD, _RS],
    [0, 0, 0, 4, 0, 0]
];
var PermissionSetProvisioningStatus$ = [3, n0, _PSPS,
    0,
    [_St, _RI, _AI, _PSA, _FR, _CD],
    [0, 0, 0, 0, 0, 4]
];
var PermissionSetProvisioningStatusMetadata$ = [3, n0, _PSPSM,
    0,
    [_St, _RI, _CD],
    [0, 0, 4]
];
var PortalOptions$ = [3, n0, _PO,
    0,
    [_SIO, _Vi],
    [() => SignInOptions$, 0]
];
var ProvisionPermissionSetRequest$ = [3, n0, _PPSR,
    0,
    [_IA, _PSA, _TT, _TI],
    [0, 0, 0, 0], 3
];
var ProvisionPermissionSetResponse$ = [3, n0, _PPSRr,
    0,
    [_PSPS],
    [() => PermissionSetProvisioningStatus$]
];
var PutApplicationAccessScopeRequest$ = [3, n0, _PAASR,
    0,
    [_Sc, _AAp, _AT],
    [0, 0, 64 | 0], 2
];
var PutApplicationAssignmentConfigurationRequest$ = [3, n0, _PAACR,
    0,
    [_AAp, _AR],
    [0, 2], 2
];
var PutApplicationAssignmentConfigurationResponse$ = [3, n0, _PAACRu,
    0,
    [],
    []
];
var PutApplicationAuthenticationMethodRequest$ = [3, n0, _PAAMR,
    0,
    [_AAp, _AMT, _AM],
    [0, 0, () => AuthenticationMethod$], 3
];
var PutApplicationGrantRequest$ = [3, n0, _PAGR,
    0,
    [_AAp, _GT, _G],
    [0, 0, () => Grant$], 3
];
var PutApplicationSessionConfigurationRequest$ = [3, n0, _PASCR,
    0,
    [_AAp, _UBSAS],
    [0, 0], 1
];
var PutApplicationSessionConfigurationResponse$ = [3, n0, _PASCRu,
    0,
    [],
    []
];
var PutInlinePolicyToPermissionSetRequest$ = [3, n0, _PIPTPSR,
    0,
    [_IA, _PSA, _IP],
    [0, 0, 0], 3
];
var PutInlinePolicyToPermissionSetResponse$ = [3, n0, _PIPTPSRu,
    0,
    [],
    []
];
var PutPermissionsBoundaryToPermissionSetRequest$ = [3, n0, _PPBTPSR,
    0,
    [_IA, _PSA, _PB],
    [0, 0, () => PermissionsBoundary$], 3
];
var PutPermissionsBoundaryToPermissionSetResponse$ = [3, n0, _PPBTPSRu,
    0,
    [],
    []
];
var RefreshTokenGrant$ = [3, n0, _RTG,
    0,
    [],
    []
];
var RegionMetadata$ = [3, n0, _RM,
    0,
    [_RN, _St, _AD, _IPR],
    [0, 0, 4, 2]
];
var RemoveRegionRequest$ = [3, n0, _RRR,
    0,
    [_IA, _RN],
    [0, 0], 2
];
var RemoveRegionResponse$ = [3, n0, _RRRe,
    0,
    [_St],
    [0]
];
var ResourceServerConfig$ = [3, n0, _RSC,
    0,
    [_Sco],
    [() => ResourceServerScopes]
];
var ResourceServerScopeDetails$ = [3, n0, _RSSD,
    0,
    [_LD, _DT],
    [0, 0]
];
var ScopeDetails$ = [3, n0, _SDc,
    0,
    [_Sc, _AT],
    [0, 64 | 0], 1
];
var SignInOptions$ = [3, n0, _SIO,
    0,
    [_O, _AU],
    [0, 0], 1
];
var Tag$ = [3, n0, _Ta,
    0,
    [_K, _V],
    [0, 0], 2
];
var TagResourceRequest$ = [3, n0, _TRR,
    0,
    [_RA, _T, _IA],
    [0, () => TagList, 0], 2
];
var TagResourceResponse$ = [3, n0, _TRRa,
    0,
    [],
    []
];
var TokenExchangeGrant$ = [3, n0, _TEG,
    0,
    [],
    []
];
var TrustedTokenIssuerMetadata$ = [3, n0, _TTIM,
    0,
    [_TTIA, _N, _TTIT],
    [0, 0, 0]
];
var UntagResourceRequest$ = [3, n0, _URR,
    0,
    [_RA, _TK, _IA],
    [0, 64 | 0, 0], 2
];
var UntagResourceResponse$ = [3, n0, _URRn,
    0,
    [],
    []
];
var UpdateApplicationPortalOptions$ = [3, n0, _UAPO,
    0,
    [_SIO],
    [() => SignInOptions$]
];
var UpdateApplicationRequest$ = [3, n0, _UAR,
    0,
    [_AAp, _N, _D, _St, _PO],
    [0, 0, 0, 0, () => UpdateApplicationPortalOptions$], 1
];
var UpdateApplicationResponse$ = [3, n0, _UARp,
    0,
    [],
    []
];
var UpdateInstanceAccessControlAttributeConfigurationRequest$ = [3, n0, _UIACACR,
    0,
    [_IA, _IACAC],
    [0, () => InstanceAccessControlAttributeConfiguration$], 2
];
var UpdateInstanceAccessControlAttributeConfigurationResponse$ = [3, n0, _UIACACRp,
    0,
    [],
    []
];
var UpdateInstanceRequest$ = [3, n0, _UIR,
    0,
    [_IA, _N, _EC, _PSE],
    [0, 0, () => EncryptionConfiguration$, 2], 1
];
var UpdateInstanceResponse$ = [3, n0, _UIRp,
    0,
    [],
    []
];
var UpdatePermissionSetRequest$ = [3, n0, _UPSR,
    0,
    [_IA, _PSA, _D, _SD, _RS],
    [0, 0, 0, 0, 0], 2
];
var UpdatePermissionSetResponse$ = [3, n0, _UPSRp,
    0,
    [],
    []
];
var UpdateTrustedTokenIssuerRequest$ = [3, n0, _UTTIR,
    0,
    [_TTIA, _N, _TTIC],
    [0, 0, () => TrustedTokenIssuerUpdateConfiguration$], 1
];
var UpdateTrustedTokenIssuerResponse$ = [3, n0, _UTTIRp,
    0,
    [],
    []
];
var __Unit = "unit";
var AccessControlAttributeList = [1, n0, _ACAL,
    0, () => AccessControlAttribute$
];
var AccountAssignmentList = [1, n0, _AAL,
    0, () => AccountAssignment$
];
var AccountAssignmentListForPrincipal = [1, n0, _AALFP,
    0, () => AccountAssignmentForPrincipal$
];
var AccountAssignmentOperationStatusList = [1, n0, _AAOSL,
    0, () => AccountAssignmentOperationStatusMetadata$
];
var ApplicationAssignmentListForPrincipal = [1, n0, _AALFPp,
    0, () => ApplicationAssignmentForPrincipal$
];
var ApplicationAssignmentsList = [1, n0, _AALp,
    0, () => ApplicationAssignment$
];
var ApplicationList = [1, n0, _AL,
    0, () => Application$
];
var ApplicationProviderList = [1, n0, _APL,
    0, () => ApplicationProvider$
];
var AttachedManagedPolicyList = [1, n0, _AMPL,
    0, () => AttachedManagedPolicy$
];
var AuthenticationMethods = [1, n0, _AMu,
    0, () => AuthenticationMethodItem$
];
var AuthorizedTokenIssuers = [1, n0, _ATIu,
    0, () => AuthorizedTokenIssuer$
];
var CustomerManagedPolicyReferenceList = [1, n0, _CMPRL,
    0, () => CustomerManagedPolicyReference$
];
var Grants = [1, n0, _Gr,
    0, () => GrantItem$
];
var InstanceList = [1, n0, _IL,
    0, () => InstanceMetadata$
];
var PermissionSetProvisioningStatusList = [1, n0, _PSPSL,
    0, () => PermissionSetProvisioningStatusMetadata$
];
var RegionMetadataList = [1, n0, _RML,
    0, () => RegionMetadata$
];
var Scopes = [1, n0, _Sco,
    0, () => ScopeDetails$
];
var TagList = [1, n0, _TL,
    0, () => Tag$
];
var TrustedTokenIssuerList = [1, n0, _TTIL,
    0, () => TrustedTokenIssuerMetadata$
];
var ResourceServerScopes = [2, n0, _RSS,
    0, 0, () => ResourceServerScopeDetails$
];
var AuthenticationMethod$ = [4, n0, _AM,
    0,
    [_Ia],
    [() => IamAuthenticationMethod$]
];
var Grant$ = [4, n0, _G,
    0,
    [_AC, _JB, _RT, _TEo],
    [() => AuthorizationCodeGrant$, () => JwtBearerGrant$, () => RefreshTokenGrant$, () => TokenExchangeGrant$]
];
var TrustedTokenIssuerConfiguration$ = [4, n0, _TTIC,
    0,
    [_OJC],
    [() => OidcJwtConfiguration$]
];
var TrustedTokenIssuerUpdateConfiguration$ = [4, n0, _TTIUC,
    0,
    [_OJC],
    [() => OidcJwtUpdateConfiguration$]
];
var AddRegion$ = [9, n0, _ARd,
    0, () => AddRegionRequest$, () => AddRegionResponse$
];
var AttachCustomerManagedPolicyReferenceToPermissionSet$ = [9, n0, _ACMPRTPS,
    0, () => AttachCustomerManagedPolicyReferenceToPermissionSetRequest$, () => AttachCustomerManagedPolicyReferenceToPermissionSetResponse$
];
var AttachManagedPolicyToPermissionSet$ = [9, n0, _AMPTPS,
    0, () => AttachManagedPolicyToPermissionSetRequest$, () => AttachManagedPolicyToPermissionSetResponse$
];
var CreateAccountAssignment$ = [9, n0, _CAA,
    0, () => CreateAccountAssignmentRequest$, () => CreateAccountAssignmentResponse$
];
var CreateApplication$ = [9, n0, _CA,
    0, () => CreateApplicationRequest$, () => CreateApplicationResponse$
];
var CreateApplicationAssignment$ = [9, n0, _CAAr,
    0, () => CreateApplicationAssignmentRequest$, () => CreateApplicationAssignmentResponse$
];
var CreateInstance$ = [9, n0, _CI,
    0, () => CreateInstanceRequest$, () => CreateInstanceResponse$
];
var CreateInstanceAccessControlAttributeConfiguration$ = [9, n0, _CIACAC,
    0, () => CreateInstanceAccessControlAttributeConfigurationRequest$, () => CreateInstanceAccessControlAttributeConfigurationResponse$
];
var CreatePermissionSet$ = [9, n0, _CPS,
    0, () => CreatePermissionSetRequest$, () => CreatePermissionSetResponse$
];
var CreateTrustedTokenIssuer$ = [9, n0, _CTTI,
    0, () => CreateTrustedTokenIssuerRequest$, () => CreateTrustedTokenIssuerResponse$
];
var DeleteAccountAssignment$ = [9, n0, _DAA,
    0, () => DeleteAccountAssignmentRequest$, () => DeleteAccountAssignmentResponse$
];
var DeleteApplication$ = [9, n0, _DA,
    0, () => DeleteApplicationRequest$, () => DeleteApplicationResponse$
];
var DeleteApplicationAccessScope$ = [9, n0, _DAAS,
    2, () => DeleteApplicationAccessScopeRequest$, () => __Unit
];
var DeleteApplicationAssignment$ = [9, n0, _DAAe,
    2, () => DeleteApplicationAssignmentRequest$, () => DeleteApplicationAssignmentResponse$
];
var DeleteApplicationAuthenticationMethod$ = [9, n0, _DAAM,
    2, () => DeleteApplicationAuthenticationMethodRequest$, () => __Unit
];
var DeleteApplicationGrant$ = [9, n0, _DAG,
    2, () => DeleteApplicationGrantRequest$, () => __Unit
];
var DeleteInlinePolicyFromPermissionSet$ = [9, n0, _DIPFPS,
    0, () => DeleteInlinePolicyFromPermissionSetRequest$, () => DeleteInlinePolicyFromPermissionSetResponse$
];
var DeleteInstance$ = [9, n0, _DI,
    0, () => DeleteInstanceRequest$, () => DeleteInstanceResponse$
];
var DeleteInstanceAccessControlAttributeConfiguration$ = [9, n0, _DIACAC,
    0, () => DeleteInstanceAccessControlAttributeConfigurationRequest$, () => DeleteInstanceAccessControlAttributeConfigurationResponse$
];
var DeletePermissionsBoundaryFromPermissionSet$ = [9, n0, _DPBFPS,
    0, () => DeletePermissionsBoundaryFromPermissionSetRequest$, () => DeletePermissionsBoundaryFromPermissionSetResponse$
];
var DeletePermissionSet$ = [9, n0, _DPS,
    0, () => DeletePermissionSetRequest$, () => DeletePermissionSetResponse$
];
var DeleteTrustedTokenIssuer$ = [9, n0, _DTTI,
    0, () => DeleteTrustedTokenIssuerRequest$, () => DeleteTrustedTokenIssuerResponse$
];
var DescribeAccountAssignmentCreationStatus$ = [9, n0, _DAACS,
    0, () => DescribeAccountAssignmentCreationStatusRequest$, () => DescribeAccountAssignmentCreationStatusResponse$
];
var DescribeAccountAssignmentDeletionStatus$ = [9, n0, _DAADS,
    0, () => DescribeAccountAssignmentDeletionStatusRequest$, () => DescribeAccountAssignmentDeletionStatusResponse$
];
var DescribeApplication$ = [9, n0, _DAe,
    0, () => DescribeApplicationRequest$, () => DescribeApplicationResponse$
];
var DescribeApplicationAssignment$ = [9, n0, _DAAes,
    0, () => DescribeApplicationAssignmentRequest$, () => DescribeApplicationAssignmentResponse$
];
var DescribeApplicationProvider$ = [9, n0, _DAP,
    0, () => DescribeApplicationProviderRequest$, () => DescribeApplicationProviderResponse$
];
var DescribeInstance$ = [9, n0, _DIe,
    0, () => DescribeInstanceRequest$, () => DescribeInstanceResponse$
];
var DescribeInstanceAccessControlAttributeConfiguration$ = [9, n0, _DIACACe,
    0, () => DescribeInstanceAccessControlAttributeConfigurationRequest$, () => DescribeInstanceAccessControlAttributeConfigurationResponse$
];
var DescribePermissionSet$ = [9, n0, _DPSe,
    0, () => DescribePermissionSetRequest$, () => DescribePermissionSetResponse$
];
var DescribePermissionSetProvisioningStatus$ = [9, n0, _DPSPS,
    0, () => DescribePermissionSetProvisioningStatusRequest$, () => DescribePermissionSetProvisioningStatusResponse$
];
var DescribeRegion$ = [9, n0, _DR,
    0, () => DescribeRegionRequest$, () => DescribeRegionResponse$
];
var DescribeTrustedTokenIssuer$ = [9, n0, _DTTIe,
    0, () => DescribeTrustedTokenIssuerRequest$, () => DescribeTrustedTokenIssuerResponse$
];
var DetachCustomerManagedPolicyReferenceFromPermissionSet$ = [9, n0, _DCMPRFPS,
    0, () => DetachCustomerManagedPolicyReferenceFromPermissionSetRequest$, () => DetachCustomerManagedPolicyReferenceFromPermissionSetResponse$
];
var DetachManagedPolicyFromPermissionSet$ = [9, n0, _DMPFPS,
    0, () => DetachManagedPolicyFromPermissionSetRequest$, () => DetachManagedPolicyFromPermissionSetResponse$
];
var GetApplicationAccessScope$ = [9, n0, _GAAS,
    0, () => GetApplicationAccessScopeRequest$, () => GetApplicationAccessScopeResponse$
];
var GetApplicationAssignmentConfiguration$ = [9, n0, _GAAC,
    0, () => GetApplicationAssignmentConfigurationRequest$, () => GetApplicationAssignmentConfigurationResponse$
];
var GetApplicationAuthenticationMethod$ = [9, n0, _GAAM,
    0, () => GetApplicationAuthenticationMethodRequest$, () => GetApplicationAuthenticationMethodResponse$
];
var GetApplicationGrant$ = [9, n0, _GAG,
    0, () => GetApplicationGrantRequest$, () => GetApplicationGrantResponse$
];
var GetApplicationSessionConfiguration$ = [9, n0, _GASC,
    0, () => GetApplicationSessionConfigurationRequest$, () => GetApplicationSessionConfigurationResponse$
];
var GetInlinePolicyForPermissionSet$ = [9, n0, _GIPFPS,
    0, () => GetInlinePolicyForPermissionSetRequest$, () => GetInlinePolicyForPermissionSetResponse$
];
var GetPermissionsBoundaryForPermissionSet$ = [9, n0, _GPBFPS,
    0, () => GetPermissionsBoundaryForPermissionSetRequest$, () => GetPermissionsBoundaryForPermissionSetResponse$
];
var ListAccountAssignmentCreationStatus$ = [9, n0, _LAACS,
    0, () => ListAccountAssignmentCreationStatusRequest$, () => ListAccountAssignmentCreationStatusResponse$
];
var ListAccountAssignmentDeletionStatus$ = [9, n0, _LAADS,
    0, () => ListAccountAssignmentDeletionStatusRequest$, () => ListAccountAssignmentDeletionStatusResponse$
];
var ListAccountAssignments$ = [9, n0, _LAA,
    0, () => ListAccountAssignmentsRequest$, () => ListAccountAssignmentsResponse$
];
var ListAccountAssignmentsForPrincipal$ = [9, n0, _LAAFP,
    0, () => ListAccountAssignmentsForPrincipalRequest$, () => ListAccountAssignmentsForPrincipalResponse$
];
var ListAccountsForProvisionedPermissionSet$ = [9, n0, _LAFPPS,
    0, () => ListAccountsForProvisionedPermissionSetRequest$, () => ListAccountsForProvisionedPermissionSetResponse$
];
var ListApplicationAccessScopes$ = [9, n0, _LAAS,
    0, () => ListApplicationAccessScopesRequest$, () => ListApplicationAccessScopesResponse$
];
var ListApplicationAssignments$ = [9, n0, _LAAi,
    0, () => ListApplicationAssignmentsRequest$, () => ListApplicationAssignmentsResponse$
];
var ListApplicationAssignmentsForPrincipal$ = [9, n0, _LAAFPi,
    0, () => ListApplicationAssignmentsForPrincipalRequest$, () => ListApplicationAssignmentsForPrincipalResponse$
];
var ListApplicationAuthenticationMethods$ = [9, n0, _LAAM,
    0, () => ListApplicationAuthenticationMethodsRequest$, () => ListApplicationAuthenticationMethodsResponse$
];
var ListApplicationGrants$ = [9, n0, _LAG,
    0, () => ListApplicationGrantsRequest$, () => ListApplicationGrantsResponse$
];
var ListApplicationProviders$ = [9, n0, _LAP,
    0, () => ListApplicationProvidersRequest$, () => ListApplicationProvidersResponse$
];
var ListApplications$ = [9, n0, _LA,
    0, () => ListApplicationsRequest$, () => ListApplicationsResponse$
];
var ListCustomerManagedPolicyReferencesInPermissionSet$ = [9, n0, _LCMPRIPS,
    0, () => ListCustomerManagedPolicyReferencesInPermissionSetRequest$, () => ListCustomerManagedPolicyReferencesInPermissionSetResponse$
];
var ListInstances$ = [9, n0, _LI,
    0, () => ListInstancesRequest$, () => ListInstancesResponse$
];
var ListManagedPoliciesInPermissionSet$ = [9, n0, _LMPIPS,
    0, () => ListManagedPoliciesInPermissionSetRequest$, () => ListManagedPoliciesInPermissionSetResponse$
];
var ListPermissionSetProvisioningStatus$ = [9, n0, _LPSPS,
    0, () => ListPermissionSetProvisioningStatusRequest$, () => ListPermissionSetProvisioningStatusResponse$
];
var ListPermissionSets$ = [9, n0, _LPS,
    0, () => ListPermissionSetsRequest$, () => ListPermissionSetsResponse$
];
var ListPermissionSetsProvisionedToAccount$ = [9, n0, _LPSPTA,
    0, () => ListPermissionSetsProvisionedToAccountRequest$, () => ListPermissionSetsProvisionedToAccountResponse$
];
var ListRegions$ = [9, n0, _LR,
    0, () => ListRegionsRequest$, () => ListRegionsResponse$
];
var ListTagsForResource$ = [9, n0, _LTFR,
    0, () => ListTagsForResourceRequest$, () => ListTagsForResourceResponse$
];
var ListTrustedTokenIssuers$ = [9, n0, _LTTI,
    0, () => ListTrustedTokenIssuersRequest$, () => ListTrustedTokenIssuersResponse$
];
var ProvisionPermissionSet$ = [9, n0, _PPS,
    0, () => ProvisionPermissionSetRequest$, () => ProvisionPermissionSetResponse$
];
var PutApplicationAccessScope$ = [9, n0, _PAAS,
    2, () => PutApplicationAccessScopeRequest$, () => __Unit
];
var PutApplicationAssignmentConfiguration$ = [9, n0, _PAAC,
    2, () => PutApplicationAssignmentConfigurationRequest$, () => PutApplicationAssignmentConfigurationResponse$
];
var PutApplicationAuthenticationMethod$ = [9, n0, _PAAM,
    2, () => PutApplicationAuthenticationMethodRequest$, () => __Unit
];
var PutApplicationGrant$ = [9, n0, _PAG,
    2, () => PutApplicationGrantRequest$, () => __Unit
];
var PutApplicationSessionConfiguration$ = [9, n0, _PASC,
    2, () => PutApplicationSessionConfigurationRequest$, () => PutApplicationSessionConfigurationResponse$
];
var PutInlinePolicyToPermissionSet$ = [9, n0, _PIPTPS,
    0, () => PutInlinePolicyToPermissionSetRequest$, () => PutInlinePolicyToPermissionSetResponse$
];
var PutPermissionsBoundaryToPermissionSet$ = [9, n0, _PPBTPS,
    0, () => PutPermissionsBoundaryToPermissionSetRequest$, () => PutPermissionsBoundaryToPermissionSetResponse$
];
var RemoveRegion$ = [9, n0, _RR,
    0, () => RemoveRegionRequest$, () => RemoveRegionResponse$
];
var TagResource$ = [9, n0, _TR,
    0, () => TagResourceRequest$, () => TagResourceResponse$
];
var UntagResource$ = [9, n0, _UR,
    0, () => UntagResourceRequest$, () => UntagResourceResponse$
];
var UpdateApplication$ = [9, n0, _UA,
    0, () => UpdateApplicationRequest$, () => UpdateApplicationResponse$
];
var UpdateInstance$ = [9, n0, _UI,
    0, () => UpdateInstanceRequest$, () => UpdateInstanceResponse$
];
var UpdateInstanceAccessControlAttributeConfiguration$ = [9, n0, _UIACAC,
    0, () => UpdateInstanceAccessControlAttributeConfigurationRequest$, () => UpdateInstanceAccessControlAttributeConfigurationResponse$
];
var UpdatePermissionSet$ = [9, n0, _UPS,
    0, () => UpdatePermissionSetRequest$, () => UpdatePermissionSetResponse$
];
var UpdateTrustedTokenIssuer$ = [9, n0, _UTTI,
    0, () => UpdateTrustedTokenIssuerRequest$, () => UpdateTrustedTokenIssuerResponse$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2020-07-20",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultSSOAdminHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsJson1_1Protocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.ssoadmin",
            errorTypeRegistries,
            version: "2020-07-20",
            serviceTarget: "SWBExternalService",
        },
        serviceId: config?.serviceId ?? "SSO Admin",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            loadConfig({
                ...NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class SSOAdminClient extends Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultSSOAdminHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = makeBuilder(commonParams, "SWBExternalService", "SSOAdminClient", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class AddRegionCommand extends command(_ep0, _mw0, "AddRegion", AddRegion$) {
}

class AttachCustomerManagedPolicyReferenceToPermissionSetCommand extends command(_ep0, _mw0, "AttachCustomerManagedPolicyReferenceToPermissionSet", AttachCustomerManagedPolicyReferenceToPermissionSet$) {
}

class AttachManagedPolicyToPermissionSetCommand extends command(_ep0, _mw0, "AttachManagedPolicyToPermissionSet", AttachManagedPolicyToPermissionSet$) {
}

class CreateAccountAssignmentCommand extends command(_ep0, _mw0, "CreateAccountAssignment", CreateAccountAssignment$) {
}

class CreateApplicationAssignmentCommand extends command(_ep0, _mw0, "CreateApplicationAssignment", CreateApplicationAssignment$) {
}

class CreateApplicationCommand extends command(_ep0, _mw0, "CreateApplication", CreateApplication$) {
}

class CreateInstanceAccessControlAttributeConfigurationCommand extends command(_ep0, _mw0, "CreateInstanceAccessControlAttributeConfiguration", CreateInstanceAccessControlAttributeConfiguration$) {
}

class CreateInstanceCommand extends command(_ep0, _mw0, "CreateInstance", CreateInstance$) {
}

class CreatePermissionSetCommand extends command(_ep0, _mw0, "CreatePermissionSet", CreatePermissionSet$) {
}

class CreateTrustedTokenIssuerCommand extends command(_ep0, _mw0, "CreateTrustedTokenIssuer", CreateTrustedTokenIssuer$) {
}

class DeleteAccountAssignmentCommand extends command(_ep0, _mw0, "DeleteAccountAssignment", DeleteAccountAssignment$) {
}

class DeleteApplicationAccessScopeCommand extends command(_ep0, _mw0, "DeleteApplicationAccessScope", DeleteApplicationAccessScope$) {
}

class DeleteApplicationAssignmentCommand extends command(_ep0, _mw0, "DeleteApplicationAssignment", DeleteApplicationAssignment$) {
}

class DeleteApplicationAuthenticationMethodCommand extends command(_ep0, _mw0, "DeleteApplicationAuthenticationMethod", DeleteApplicationAuthenticationMethod$) {
}

class DeleteApplicationCommand extends command(_ep0, _mw0, "DeleteApplication", DeleteApplication$) {
}

class DeleteApplicationGrantCommand extends command(_ep0, _mw0, "DeleteApplicationGrant", DeleteApplicationGrant$) {
}

class DeleteInlinePolicyFromPermissionSetCommand extends command(_ep0, _mw0, "DeleteInlinePolicyFromPermissionSet", DeleteInlinePolicyFromPermissionSet$) {
}

class DeleteInstanceAccessControlAttributeConfigurationCommand extends command(_ep0, _mw0, "DeleteInstanceAccessControlAttributeConfiguration", DeleteInstanceAccessControlAttributeConfiguration$) {
}

class DeleteInstanceCommand extends command(_ep0, _mw0, "DeleteInstance", DeleteInstance$) {
}

class DeletePermissionsBoundaryFromPermissionSetCommand extends command(_ep0, _mw0, "DeletePermissionsBoundaryFromPermissionSet", DeletePermissionsBoundaryFromPermissionSet$) {
}

class DeletePermissionSetCommand extends command(_ep0, _mw0, "DeletePermissionSet", DeletePermissionSet$) {
}

class DeleteTrustedTokenIssuerCommand extends command(_ep0, _mw0, "DeleteTrustedTokenIssuer", DeleteTrustedTokenIssuer$) {
}

class DescribeAccountAssignmentCreationStatusCommand extends command(_ep0, _mw0, "DescribeAccountAssignmentCreationStatus", DescribeAccountAssignmentCreationStatus$) {
}

class DescribeAccountAssignmentDeletionStatusCommand extends command(_ep0, _mw0, "DescribeAccountAssignmentDeletionStatus", DescribeAccountAssignmentDeletionStatus$) {
}

class DescribeApplicationAssignmentCommand extends command(_ep0, _mw0, "DescribeApplicationAssignment", DescribeApplicationAssignment$) {
}

class DescribeApplicationCommand extends command(_ep0, _mw0, "DescribeApplication", DescribeApplication$) {
}

class DescribeApplicationProviderCommand extends command(_ep0, _mw0, "DescribeApplicationProvider", DescribeApplicationProvider$) {
}

class DescribeInstanceAccessControlAttributeConfigurationCommand extends command(_ep0, _mw0, "DescribeInstanceAccessControlAttributeConfiguration", DescribeInstanceAccessControlAttributeConfiguration$) {
}

class DescribeInstanceCommand extends command(_ep0, _mw0, "DescribeInstance", DescribeInstance$) {
}

class DescribePermissionSetCommand extends command(_ep0, _mw0, "DescribePermissionSet", DescribePermissionSet$) {
}

class DescribePermissionSetProvisioningStatusCommand extends command(_ep0, _mw0, "DescribePermissionSetProvisioningStatus", DescribePermissionSetProvisioningStatus$) {
}

class DescribeRegionCommand extends command(_ep0, _mw0, "DescribeRegion", DescribeRegion$) {
}

class DescribeTrustedTokenIssuerCommand extends command(_ep0, _mw0, "DescribeTrustedTokenIssuer", DescribeTrustedTokenIssuer$) {
}

class DetachCustomerManagedPolicyReferenceFromPermissionSetCommand extends command(_ep0, _mw0, "DetachCustomerManagedPolicyReferenceFromPermissionSet", DetachCustomerManagedPolicyReferenceFromPermissionSet$) {
}

class DetachManagedPolicyFromPermissionSetCommand extends command(_ep0, _mw0, "DetachManagedPolicyFromPermissionSet", DetachManagedPolicyFromPermissionSet$) {
}

class GetApplicationAccessScopeCommand extends command(_ep0, _mw0, "GetApplicationAccessScope", GetApplicationAccessScope$) {
}

class GetApplicationAssignmentConfigurationCommand extends command(_ep0, _mw0, "GetApplicationAssignmentConfiguration", GetApplicationAssignmentConfiguration$) {
}

class GetApplicationAuthenticationMethodCommand extends command(_ep0, _mw0, "GetApplicationAuthenticationMethod", GetApplicationAuthenticationMethod$) {
}

class GetApplicationGrantCommand extends command(_ep0, _mw0, "GetApplicationGrant", GetApplicationGrant$) {
}

class GetApplicationSessionConfigurationCommand extends command(_ep0, _mw0, "GetApplicationSessionConfiguration", GetApplicationSessionConfiguration$) {
}

class GetInlinePolicyForPermissionSetCommand extends command(_ep0, _mw0, "GetInlinePolicyForPermissionSet", GetInlinePolicyForPermissionSet$) {
}

class GetPermissionsBoundaryForPermissionSetCommand extends command(_ep0, _mw0, "GetPermissionsBoundaryForPermissionSet", GetPermissionsBoundaryForPermissionSet$) {
}

class ListAccountAssignmentCreationStatusCommand extends command(_ep0, _mw0, "ListAccountAssignmentCreationStatus", ListAccountAssignmentCreationStatus$) {
}

class ListAccountAssignmentDeletionStatusCommand extends command(_ep0, _mw0, "ListAccountAssignmentDeletionStatus", ListAccountAssignmentDeletionStatus$) {
}

class ListAccountAssignmentsCommand extends command(_ep0, _mw0, "ListAccountAssignments", ListAccountAssignments$) {
}

class ListAccountAssignmentsForPrincipalCommand extends command(_ep0, _mw0, "ListAccountAssignmentsForPrincipal", ListAccountAssignmentsForPrincipal$) {
}

class ListAccountsForProvisionedPermissionSetCommand extends command(_ep0, _mw0, "ListAccountsForProvisionedPermissionSet", ListAccountsForProvisionedPermissionSet$) {
}

class ListApplicationAccessScopesCommand extends command(_ep0, _mw0, "ListApplicationAccessScopes", ListApplicationAccessScopes$) {
}

class ListApplicationAssignmentsCommand extends command(_ep0, _mw0, "ListApplicationAssignments", ListApplicationAssignments$) {
}

class ListApplicationAssignmentsForPrincipalCommand extends command(_ep0, _mw0, "ListApplicationAssignmentsForPrincipal", ListApplicationAssignmentsForPrincipal$) {
}

class ListApplicationAuthenticationMethodsCommand extends command(_ep0, _mw0, "ListApplicationAuthenticationMethods", ListApplicationAuthenticationMethods$) {
}

class ListApplicationGrantsCommand extends command(_ep0, _mw0, "ListApplicationGrants", ListApplicationGrants$) {
}

class ListApplicationProvidersCommand extends command(_ep0, _mw0, "ListApplicationProviders", ListApplicationProviders$) {
}

class ListApplicationsCommand extends command(_ep0, _mw0, "ListApplications", ListApplications$) {
}

class ListCustomerManagedPolicyReferencesInPermissionSetCommand extends command(_ep0, _mw0, "ListCustomerManagedPolicyReferencesInPermissionSet", ListCustomerManagedPolicyReferencesInPermissionSet$) {
}

class ListInstancesCommand extends command(_ep0, _mw0, "ListInstances", ListInstances$) {
}

class ListManagedPoliciesInPermissionSetCommand extends command(_ep0, _mw0, "ListManagedPoliciesInPermissionSet", ListManagedPoliciesInPermissionSet$) {
}

class ListPermissionSetProvisioningStatusCommand extends command(_ep0, _mw0, "ListPermissionSetProvisioningStatus", ListPermissionSetProvisioningStatus$) {
}

class ListPermissionSetsCommand extends command(_ep0, _mw0, "ListPermissionSets", ListPermissionSets$) {
}

class ListPermissionSetsProvisionedToAccountCommand extends command(_ep0, _mw0, "ListPermissionSetsProvisionedToAccount", ListPermissionSetsProvisionedToAccount$) {
}

class ListRegionsCommand extends command(_ep0, _mw0, "ListRegions", ListRegions$) {
}

class ListTagsForResourceCommand extends command(_ep0, _mw0, "ListTagsForResource", ListTagsForResource$) {
}

class ListTrustedTokenIssuersCommand extends command(_ep0, _mw0, "ListTrustedTokenIssuers", ListTrustedTokenIssuers$) {
}

class ProvisionPermissionSetCommand extends command(_ep0, _mw0, "ProvisionPermissionSet", ProvisionPermissionSet$) {
}

class PutApplicationAccessScopeCommand extends command(_ep0, _mw0, "PutApplicationAccessScope", PutApplicationAccessScope$) {
}

class PutApplicationAssignmentConfigurationCommand extends command(_ep0, _mw0, "PutApplicationAssignmentConfiguration", PutApplicationAssignmentConfiguration$) {
}

class PutApplicationAuthenticationMethodCommand extends command(_ep0, _mw0, "PutApplicationAuthenticationMethod", PutApplicationAuthenticationMethod$) {
}

class PutApplicationGrantCommand extends command(_ep0, _mw0, "PutApplicationGrant", PutApplicationGrant$) {
}

class PutApplicationSessionConfigurationCommand extends command(_ep0, _mw0, "PutApplicationSessionConfiguration", PutApplicationSessionConfiguration$) {
}

class PutInlinePolicyToPermissionSetCommand extends command(_ep0, _mw0, "PutInlinePolicyToPermissionSet", PutInlinePolicyToPermissionSet$) {
}

class PutPermissionsBoundaryToPermissionSetCommand extends command(_ep0, _mw0, "PutPermissionsBoundaryToPermissionSet", PutPermissionsBoundaryToPermissionSet$) {
}

class RemoveRegionCommand extends command(_ep0, _mw0, "RemoveRegion", RemoveRegion$) {
}

class TagResourceCommand extends command(_ep0, _mw0, "TagResource", TagResource$) {
}

class UntagResourceCommand extends command(_ep0, _mw0, "UntagResource", UntagResource$) {
}

class UpdateApplicationCommand extends command(_ep0, _mw0, "UpdateApplication", UpdateApplication$) {
}

class UpdateInstanceAccessControlAttributeConfigurationCommand extends command(_ep0, _mw0, "UpdateInstanceAccessControlAttributeConfiguration", UpdateInstanceAccessControlAttributeConfiguration$) {
}

class UpdateInstanceCommand extends command(_ep0, _mw0, "UpdateInstance", UpdateInstance$) {
}

class UpdatePermissionSetCommand extends command(_ep0, _mw0, "UpdatePermissionSet", UpdatePermissionSet$) {
}

class UpdateTrustedTokenIssuerCommand extends command(_ep0, _mw0, "UpdateTrustedTokenIssuer", UpdateTrustedTokenIssuer$) {
}

const paginateListAccountAssignmentCreationStatus = createPaginator(SSOAdminClient, ListAccountAssignmentCreationStatusCommand, "NextToken", "NextToken", "MaxResults");

const paginateListAccountAssignmentDeletionStatus = createPaginator(SSOAdminClient, ListAccountAssignmentDeletionStatusCommand, "NextToken", "NextToken", "MaxResults");

const paginateListAccountAssignmentsForPrincipal = createPaginator(SSOAdminClient, ListAccountAssignmentsForPrincipalCommand, "NextToken", "NextToken", "MaxResults");

const paginateListAccountAssignments = createPaginator(SSOAdminClient, ListAccountAssignmentsCommand, "NextToken", "NextToken", "MaxResults");

const paginateListAccountsForProvisionedPermissionSet = createPaginator(SSOAdminClient, ListAccountsForProvisionedPermissionSetCommand, "NextToken", "NextToken", "MaxResults");

const paginateListApplicationAccessScopes = createPaginator(SSOAdminClient, ListApplicationAccessScopesCommand, "NextToken", "NextToken", "MaxResults");

const paginateListApplicationAssignmentsForPrincipal = createPaginator(SSOAdminClient, ListApplicationAssignmentsForPrincipalCommand, "NextToken", "NextToken", "MaxResults");

const paginateListApplicationAssignments = createPaginator(SSOAdminClient, ListApplicationAssignmentsCommand, "NextToken", "NextToken", "MaxResults");

const paginateListApplicationAuthenticationMethods = createPaginator(SSOAdminClient, ListApplicationAuthenticationMethodsCommand, "NextToken", "NextToken", "");

const paginateListApplicationGrants = createPaginator(SSOAdminClient, ListApplicationGrantsCommand, "NextToken", "NextToken", "");

const paginateListApplicationProviders = createPaginator(SSOAdminClient, ListApplicationProvidersCommand, "NextToken", "NextToken", "MaxResults");

const paginateListApplications = createPaginator(SSOAdminClient, ListApplicationsCommand, "NextToken", "NextToken", "MaxResults");

const paginateListCustomerManagedPolicyReferencesInPermissionSet = createPaginator(SSOAdminClient, ListCustomerManagedPolicyReferencesInPermissionSetCommand, "NextToken", "NextToken", "MaxResults");

const paginateListInstances = createPaginator(SSOAdminClient, ListInstancesCommand, "NextToken", "NextToken", "MaxResults");

const paginateListManagedPoliciesInPermissionSet = createPaginator(SSOAdminClient, ListManagedPoliciesInPermissionSetCommand, "NextToken", "NextToken", "MaxResults");

const paginateListPermissionSetProvisioningStatus = createPaginator(SSOAdminClient, ListPermissionSetProvisioningStatusCommand, "NextToken", "NextToken", "MaxResults");

const paginateListPermissionSets = createPaginator(SSOAdminClient, ListPermissionSetsCommand, "NextToken", "NextToken", "MaxResults");

const paginateListPermissionSetsProvisionedToAccount = createPaginator(SSOAdminClient, ListPermissionSetsProvisionedToAccountCommand, "NextToken", "NextToken", "MaxResults");

const paginateListRegions = createPaginator(SSOAdminClient, ListRegionsCommand, "NextToken", "NextToken", "MaxResults");

const paginateListTagsForResource = createPaginator(SSOAdminClient, ListTagsForResourceCommand, "NextToken", "NextToken", "");

const paginateListTrustedTokenIssuers = createPaginator(SSOAdminClient, ListTrustedTokenIssuersCommand, "NextToken", "NextToken", "MaxResults");

const commands = {
    AddRegionCommand,
    AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
    AttachManagedPolicyToPermissionSetCommand,
    CreateAccountAssignmentCommand,
    CreateApplicationCommand,
    CreateApplicationAssignmentCommand,
    CreateInstanceCommand,
    CreateInstanceAccessControlAttributeConfigurationCommand,
    CreatePermissionSetCommand,
    CreateTrustedTokenIssuerCommand,
    DeleteAccountAssignmentCommand,
    DeleteApplicationCommand,
    DeleteApplicationAccessScopeCommand,
    DeleteApplicationAssignmentCommand,
    DeleteApplicationAuthenticationMethodCommand,
    DeleteApplicationGrantCommand,
    DeleteInlinePolicyFromPermissionSetCommand,
    DeleteInstanceCommand,
    DeleteInstanceAccessControlAttributeConfigurationCommand,
    DeletePermissionsBoundaryFromPermissionSetCommand,
    DeletePermissionSetCommand,
    DeleteTrustedTokenIssuerCommand,
    DescribeAccountAssignmentCreationStatusCommand,
    DescribeAccountAssignmentDeletionStatusCommand,
    DescribeApplicationCommand,
    DescribeApplicationAssignmentCommand,
    DescribeApplicationProviderCommand,
    DescribeInstanceCommand,
    DescribeInstanceAccessControlAttributeConfigurationCommand,
    DescribePermissionSetCommand,
    DescribePermissionSetProvisioningStatusCommand,
    DescribeRegionCommand,
    DescribeTrustedTokenIssuerCommand,
    DetachCustomerManagedPolicyReferenceFromPermissionSetCommand,
    DetachManagedPolicyFromPermissionSetCommand,
    GetApplicationAccessScopeCommand,
    GetApplicationAssignmentConfigurationCommand,
    GetApplicationAuthenticationMethodCommand,
    GetApplicationGrantCommand,
    GetApplicationSessionConfigurationCommand,
    GetInlinePolicyForPermissionSetCommand,
    GetPermissionsBoundaryForPermissionSetCommand,
    ListAccountAssignmentCreationStatusCommand,
    ListAccountAssignmentDeletionStatusCommand,
    ListAccountAssignmentsCommand,
    ListAccountAssignmentsForPrincipalCommand,
    ListAccountsForProvisionedPermissionSetCommand,
    ListApplicationAccessScopesCommand,
    ListApplicationAssignmentsCommand,
    ListApplicationAssignmentsForPrincipalCommand,
    ListApplicationAuthenticationMethodsCommand,
    ListApplicationGrantsCommand,
    ListApplicationProvidersCommand,
    ListApplicationsCommand,
    ListCustomerManagedPolicyReferencesInPermissionSetCommand,
    ListInstancesCommand,
    ListManagedPoliciesInPermissionSetCommand,
    ListPermissionSetProvisioningStatusCommand,
    ListPermissionSetsCommand,
    ListPermissionSetsProvisionedToAccountCommand,
    ListRegionsCommand,
    ListTagsForResourceCommand,
    ListTrustedTokenIssuersCommand,
    ProvisionPermissionSetCommand,
    PutApplicationAccessScopeCommand,
    PutApplicationAssignmentConfigurationCommand,
    PutApplicationAuthenticationMethodCommand,
    PutApplicationGrantCommand,
    PutApplicationSessionConfigurationCommand,
    PutInlinePolicyToPermissionSetCommand,
    PutPermissionsBoundaryToPermissionSetCommand,
    RemoveRegionCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateApplicationCommand,
    UpdateInstanceCommand,
    UpdateInstanceAccessControlAttributeConfigurationCommand,
    UpdatePermissionSetCommand,
    UpdateTrustedTokenIssuerCommand,
};
const paginators = {
    paginateListAccountAssignmentCreationStatus,
    paginateListAccountAssignmentDeletionStatus,
    paginateListAccountAssignments,
    paginateListAccountAssignmentsForPrincipal,
    paginateListAccountsForProvisionedPermissionSet,
    paginateListApplicationAccessScopes,
    paginateListApplicationAssignments,
    paginateListApplicationAssignmentsForPrincipal,
    paginateListApplicationAuthenticationMethods,
    paginateListApplicationGrants,
    paginateListApplicationProviders,
    paginateListApplications,
    paginateListCustomerManagedPolicyReferencesInPermissionSet,
    paginateListInstances,
    paginateListManagedPoliciesInPermissionSet,
    paginateListPermissionSetProvisioningStatus,
    paginateListPermissionSets,
    paginateListPermissionSetsProvisionedToAccount,
    paginateListRegions,
    paginateListTagsForResource,
    paginateListTrustedTokenIssuers,
};
class SSOAdmin extends SSOAdminClient {
}
createAggregatedClient(commands, SSOAdmin, { paginators });

const AccessDeniedExceptionReason = {
    KMS_ACCESS_DENIED_EXCEPTION: "KMS_AccessDeniedException",
};
const PrincipalType = {
    GROUP: "GROUP",
    USER: "USER",
};
const StatusValues = {
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
    SUCCEEDED: "SUCCEEDED",
};
const TargetType = {
    AWS_ACCOUNT: "AWS_ACCOUNT",
};
const RegionStatus = {
    ACTIVE: "ACTIVE",
    ADDING: "ADDING",
    REMOVING: "REMOVING",
};
const ThrottlingExceptionReason = {
    KMS_THROTTLING_EXCEPTION: "KMS_ThrottlingException",
};
const ValidationExceptionReason = {
    KMS_DISABLED_EXCEPTION: "KMS_DisabledException",
    KMS_INVALID_KEY_USAGE_EXCEPTION: "KMS_InvalidKeyUsageException",
    KMS_INVALID_STATE_EXCEPTION: "KMS_InvalidStateException",
};
const SignInOrigin = {
    APPLICATION: "APPLICATION",
    IDENTITY_CENTER: "IDENTITY_CENTER",
};
const ApplicationVisibility = {
    DISABLED: "DISABLED",
    ENABLED: "ENABLED",
};
const ApplicationStatus = {
    DISABLED: "DISABLED",
    ENABLED: "ENABLED",
};
const ResourceNotFoundExceptionReason = {
    KMS_NOT_FOUND_EXCEPTION: "KMS_NotFoundException",
};
const AuthenticationMethodType = {
    IAM: "IAM",
};
const GrantType = {
    AUTHORIZATION_CODE: "authorization_code",
    JWT_BEARER: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    REFRESH_TOKEN: "refresh_token",
    TOKEN_EXCHANGE: "urn:ietf:params:oauth:grant-type:token-exchange",
};
const FederationProtocol = {
    OAUTH: "OAUTH",
    SAML: "SAML",
};
const JwksRetrievalOption = {
    OPEN_ID_DISCOVERY: "OPEN_ID_DISCOVERY",
};
const TrustedTokenIssuerType = {
    OIDC_JWT: "OIDC_JWT",
};
const KmsKeyStatus = {
    ENABLED: "ENABLED",
    UPDATE_FAILED: "UPDATE_FAILED",
    UPDATING: "UPDATING",
};
const KmsKeyType = {
    AWS_OWNED_KMS_KEY: "AWS_OWNED_KMS_KEY",
    CUSTOMER_MANAGED_KEY: "CUSTOMER_MANAGED_KEY",
};
const InstanceStatus = {
    ACTIVE: "ACTIVE",
    CREATE_FAILED: "CREATE_FAILED",
    CREATE_IN_PROGRESS: "CREATE_IN_PROGRESS",
    DELETE_IN_PROGRESS: "DELETE_IN_PROGRESS",
};
const InstanceAccessControlAttributeConfigurationStatus = {
    CREATION_FAILED: "CREATION_FAILED",
    CREATION_IN_PROGRESS: "CREATION_IN_PROGRESS",
    ENABLED: "ENABLED",
};
const UserBackgroundSessionApplicationStatus = {
    DISABLED: "DISABLED",
    ENABLED: "ENABLED",
};
const ProvisioningStatus = {
    LATEST_PERMISSION_SET_NOT_PROVISIONED: "LATEST_PERMISSION_SET_NOT_PROVISIONED",
    LATEST_PERMISSION_SET_PROVISIONED: "LATEST_PERMISSION_SET_PROVISIONED",
};
const ProvisionTargetType = {
    ALL_PROVISIONED_ACCOUNTS: "ALL_PROVISIONED_ACCOUNTS",
    AWS_ACCOUNT: "AWS_ACCOUNT",
};

__webpack_unused_export__ = AccessControlAttribute$;
__webpack_unused_export__ = AccessControlAttributeValue$;
__webpack_unused_export__ = AccessDeniedException;
__webpack_unused_export__ = AccessDeniedException$;
__webpack_unused_export__ = AccessDeniedExceptionReason;
__webpack_unused_export__ = AccountAssignment$;
__webpack_unused_export__ = AccountAssignmentForPrincipal$;
__webpack_unused_export__ = AccountAssignmentOperationStatus$;
__webpack_unused_export__ = AccountAssignmentOperationStatusMetadata$;
__webpack_unused_export__ = AddRegion$;
__webpack_unused_export__ = AddRegionCommand;
__webpack_unused_export__ = AddRegionRequest$;
__webpack_unused_export__ = AddRegionResponse$;
__webpack_unused_export__ = Application$;
__webpack_unused_export__ = ApplicationAssignment$;
__webpack_unused_export__ = ApplicationAssignmentForPrincipal$;
__webpack_unused_export__ = ApplicationProvider$;
__webpack_unused_export__ = ApplicationStatus;
__webpack_unused_export__ = ApplicationVisibility;
__webpack_unused_export__ = AttachCustomerManagedPolicyReferenceToPermissionSet$;
__webpack_unused_export__ = AttachCustomerManagedPolicyReferenceToPermissionSetCommand;
__webpack_unused_export__ = AttachCustomerManagedPolicyReferenceToPermissionSetRequest$;
__webpack_unused_export__ = AttachCustomerManagedPolicyReferenceToPermissionSetResponse$;
__webpack_unused_export__ = AttachManagedPolicyToPermissionSet$;
__webpack_unused_export__ = AttachManagedPolicyToPermissionSetCommand;
__webpack_unused_export__ = AttachManagedPolicyToPermissionSetRequest$;
__webpack_unused_export__ = AttachManagedPolicyToPermissionSetResponse$;
__webpack_unused_export__ = AttachedManagedPolicy$;
__webpack_unused_export__ = AuthenticationMethod$;
__webpack_unused_export__ = AuthenticationMethodItem$;
__webpack_unused_export__ = AuthenticationMethodType;
__webpack_unused_export__ = AuthorizationCodeGrant$;
__webpack_unused_export__ = AuthorizedTokenIssuer$;
__webpack_unused_export__ = ConflictException;
__webpack_unused_export__ = ConflictException$;
__webpack_unused_export__ = CreateAccountAssignment$;
exports.w0d = CreateAccountAssignmentCommand;
__webpack_unused_export__ = CreateAccountAssignmentRequest$;
__webpack_unused_export__ = CreateAccountAssignmentResponse$;
__webpack_unused_export__ = CreateApplication$;
__webpack_unused_export__ = CreateApplicationAssignment$;
__webpack_unused_export__ = CreateApplicationAssignmentCommand;
__webpack_unused_export__ = CreateApplicationAssignmentRequest$;
__webpack_unused_export__ = CreateApplicationAssignmentResponse$;
__webpack_unused_export__ = CreateApplicationCommand;
__webpack_unused_export__ = CreateApplicationRequest$;
__webpack_unused_export__ = CreateApplicationResponse$;
__webpack_unused_export__ = CreateInstance$;
__webpack_unused_export__ = CreateInstanceAccessControlAttributeConfiguration$;
__webpack_unused_export__ = CreateInstanceAccessControlAttributeConfigurationCommand;
__webpack_unused_export__ = CreateInstanceAccessControlAttributeConfigurationRequest$;
__webpack_unused_export__ = CreateInstanceAccessControlAttributeConfigurationResponse$;
__webpack_unused_export__ = CreateInstanceCommand;
__webpack_unused_export__ = CreateInstanceRequest$;
__webpack_unused_export__ = CreateInstanceResponse$;
__webpack_unused_export__ = CreatePermissionSet$;
__webpack_unused_export__ = CreatePermissionSetCommand;
__webpack_unused_export__ = CreatePermissionSetRequest$;
__webpack_unused_export__ = CreatePermissionSetResponse$;
__webpack_unused_export__ = CreateTrustedTokenIssuer$;
__webpack_unused_export__ = CreateTrustedTokenIssuerCommand;
__webpack_unused_export__ = CreateTrustedTokenIssuerRequest$;
__webpack_unused_export__ = CreateTrustedTokenIssuerResponse$;
__webpack_unused_export__ = CustomerManagedPolicyReference$;
__webpack_unused_export__ = DeleteAccountAssignment$;
exports.bpr = DeleteAccountAssignmentCommand;
__webpack_unused_export__ = DeleteAccountAssignmentRequest$;
__webpack_unused_export__ = DeleteAccountAssignmentResponse$;
__webpack_unused_export__ = DeleteApplication$;
__webpack_unused_export__ = DeleteApplicationAccessScope$;
__webpack_unused_export__ = DeleteApplicationAccessScopeCommand;
__webpack_unused_export__ = DeleteApplicationAccessScopeRequest$;
__webpack_unused_export__ = DeleteApplicationAssignment$;
__webpack_unused_export__ = DeleteApplicationAssignmentCommand;
__webpack_unused_export__ = DeleteApplicationAssignmentRequest$;
__webpack_unused_export__ = DeleteApplicationAssignmentResponse$;
__webpack_unused_export__ = DeleteApplicationAuthenticationMethod$;
__webpack_unused_export__ = DeleteApplicationAuthenticationMethodCommand;
__webpack_unused_export__ = DeleteApplicationAuthenticationMethodRequest$;
__webpack_unused_export__ = DeleteApplicationCommand;
__webpack_unused_export__ = DeleteApplicationGrant$;
__webpack_unused_export__ = DeleteApplicationGrantCommand;
__webpack_unused_export__ = DeleteApplicationGrantRequest$;
__webpack_unused_export__ = DeleteApplicationRequest$;
__webpack_unused_export__ = DeleteApplicationResponse$;
__webpack_unused_export__ = DeleteInlinePolicyFromPermissionSet$;
__webpack_unused_export__ = DeleteInlinePolicyFromPermissionSetCommand;
__webpack_unused_export__ = DeleteInlinePolicyFromPermissionSetRequest$;
__webpack_unused_export__ = DeleteInlinePolicyFromPermissionSetResponse$;
__webpack_unused_export__ = DeleteInstance$;
__webpack_unused_export__ = DeleteInstanceAccessControlAttributeConfiguration$;
__webpack_unused_export__ = DeleteInstanceAccessControlAttributeConfigurationCommand;
__webpack_unused_export__ = DeleteInstanceAccessControlAttributeConfigurationRequest$;
__webpack_unused_export__ = DeleteInstanceAccessControlAttributeConfigurationResponse$;
__webpack_unused_export__ = DeleteInstanceCommand;
__webpack_unused_export__ = DeleteInstanceRequest$;
__webpack_unused_export__ = DeleteInstanceResponse$;
__webpack_unused_export__ = DeletePermissionSet$;
__webpack_unused_export__ = DeletePermissionSetCommand;
__webpack_unused_export__ = DeletePermissionSetRequest$;
__webpack_unused_export__ = DeletePermissionSetResponse$;
__webpack_unused_export__ = DeletePermissionsBoundaryFromPermissionSet$;
__webpack_unused_export__ = DeletePermissionsBoundaryFromPermissionSetCommand;
__webpack_unused_export__ = DeletePermissionsBoundaryFromPermissionSetRequest$;
__webpack_unused_export__ = DeletePermissionsBoundaryFromPermissionSetResponse$;
__webpack_unused_export__ = DeleteTrustedTokenIssuer$;
__webpack_unused_export__ = DeleteTrustedTokenIssuerCommand;
__webpack_unused_export__ = DeleteTrustedTokenIssuerRequest$;
__webpack_unused_export__ = DeleteTrustedTokenIssuerResponse$;
__webpack_unused_export__ = DescribeAccountAssignmentCreationStatus$;
exports.eTH = DescribeAccountAssignmentCreationStatusCommand;
__webpack_unused_export__ = DescribeAccountAssignmentCreationStatusRequest$;
__webpack_unused_export__ = DescribeAccountAssignmentCreationStatusResponse$;
__webpack_unused_export__ = DescribeAccountAssignmentDeletionStatus$;
exports.PSg = DescribeAccountAssignmentDeletionStatusCommand;
__webpack_unused_export__ = DescribeAccountAssignmentDeletionStatusRequest$;
__webpack_unused_export__ = DescribeAccountAssignmentDeletionStatusResponse$;
__webpack_unused_export__ = DescribeApplication$;
__webpack_unused_export__ = DescribeApplicationAssignment$;
__webpack_unused_export__ = DescribeApplicationAssignmentCommand;
__webpack_unused_export__ = DescribeApplicationAssignmentRequest$;
__webpack_unused_export__ = DescribeApplicationAssignmentResponse$;
__webpack_unused_export__ = DescribeApplicationCommand;
__webpack_unused_export__ = DescribeApplicationProvider$;
__webpack_unused_export__ = DescribeApplicationProviderCommand;
__webpack_unused_export__ = DescribeApplicationProviderRequest$;
__webpack_unused_export__ = DescribeApplicationProviderResponse$;
__webpack_unused_export__ = DescribeApplicationRequest$;
__webpack_unused_export__ = DescribeApplicationResponse$;
__webpack_unused_export__ = DescribeInstance$;
__webpack_unused_export__ = DescribeInstanceAccessControlAttributeConfiguration$;
__webpack_unused_export__ = DescribeInstanceAccessControlAttributeConfigurationCommand;
__webpack_unused_export__ = DescribeInstanceAccessControlAttributeConfigurationRequest$;
__webpack_unused_export__ = DescribeInstanceAccessControlAttributeConfigurationResponse$;
__webpack_unused_export__ = DescribeInstanceCommand;
__webpack_unused_export__ = DescribeInstanceRequest$;
__webpack_unused_export__ = DescribeInstanceResponse$;
__webpack_unused_export__ = DescribePermissionSet$;
__webpack_unused_export__ = DescribePermissionSetCommand;
__webpack_unused_export__ = DescribePermissionSetProvisioningStatus$;
__webpack_unused_export__ = DescribePermissionSetProvisioningStatusCommand;
__webpack_unused_export__ = DescribePermissionSetProvisioningStatusRequest$;
__webpack_unused_export__ = DescribePermissionSetProvisioningStatusResponse$;
__webpack_unused_export__ = DescribePermissionSetRequest$;
__webpack_unused_export__ = DescribePermissionSetResponse$;
__webpack_unused_export__ = DescribeRegion$;
__webpack_unused_export__ = DescribeRegionCommand;
__webpack_unused_export__ = DescribeRegionRequest$;
__webpack_unused_export__ = DescribeRegionResponse$;
__webpack_unused_export__ = DescribeTrustedTokenIssuer$;
__webpack_unused_export__ = DescribeTrustedTokenIssuerCommand;
__webpack_unused_export__ = DescribeTrustedTokenIssuerRequest$;
__webpack_unused_export__ = DescribeTrustedTokenIssuerResponse$;
__webpack_unused_export__ = DetachCustomerManagedPolicyReferenceFromPermissionSet$;
__webpack_unused_export__ = DetachCustomerManagedPolicyReferenceFromPermissionSetCommand;
__webpack_unused_export__ = DetachCustomerManagedPolicyReferenceFromPermissionSetRequest$;
__webpack_unused_export__ = DetachCustomerManagedPolicyReferenceFromPermissionSetResponse$;
__webpack_unused_export__ = DetachManagedPolicyFromPermissionSet$;
__webpack_unused_export__ = DetachManagedPolicyFromPermissionSetCommand;
__webpack_unused_export__ = DetachManagedPolicyFromPermissionSetRequest$;
__webpack_unused_export__ = DetachManagedPolicyFromPermissionSetResponse$;
__webpack_unused_export__ = DisplayData$;
__webpack_unused_export__ = EncryptionConfiguration$;
__webpack_unused_export__ = EncryptionConfigurationDetails$;
__webpack_unused_export__ = FederationProtocol;
__webpack_unused_export__ = GetApplicationAccessScope$;
__webpack_unused_export__ = GetApplicationAccessScopeCommand;
__webpack_unused_export__ = GetApplicationAccessScopeRequest$;
__webpack_unused_export__ = GetApplicationAccessScopeResponse$;
__webpack_unused_export__ = GetApplicationAssignmentConfiguration$;
__webpack_unused_export__ = GetApplicationAssignmentConfigurationCommand;
__webpack_unused_export__ = GetApplicationAssignmentConfigurationRequest$;
__webpack_unused_export__ = GetApplicationAssignmentConfigurationResponse$;
__webpack_unused_export__ = GetApplicationAuthenticationMethod$;
__webpack_unused_export__ = GetApplicationAuthenticationMethodCommand;
__webpack_unused_export__ = GetApplicationAuthenticationMethodRequest$;
__webpack_unused_export__ = GetApplicationAuthenticationMethodResponse$;
__webpack_unused_export__ = GetApplicationGrant$;
__webpack_unused_export__ = GetApplicationGrantCommand;
__webpack_unused_export__ = GetApplicationGrantRequest$;
__webpack_unused_export__ = GetApplicationGrantResponse$;
__webpack_unused_export__ = GetApplicationSessionConfiguration$;
__webpack_unused_export__ = GetApplicationSessionConfigurationCommand;
__webpack_unused_export__ = GetApplicationSessionConfigurationRequest$;
__webpack_unused_export__ = GetApplicationSessionConfigurationResponse$;
__webpack_unused_export__ = GetInlinePolicyForPermissionSet$;
__webpack_unused_export__ = GetInlinePolicyForPermissionSetCommand;
__webpack_unused_export__ = GetInlinePolicyForPermissionSetRequest$;
__webpack_unused_export__ = GetInlinePolicyForPermissionSetResponse$;
__webpack_unused_export__ = GetPermissionsBoundaryForPermissionSet$;
__webpack_unused_export__ = GetPermissionsBoundaryForPermissionSetCommand;
__webpack_unused_export__ = GetPermissionsBoundaryForPermissionSetRequest$;
__webpack_unused_export__ = GetPermissionsBoundaryForPermissionSetResponse$;
__webpack_unused_export__ = Grant$;
__webpack_unused_export__ = GrantItem$;
__webpack_unused_export__ = GrantType;
__webpack_unused_export__ = IamAuthenticationMethod$;
__webpack_unused_export__ = InstanceAccessControlAttributeConfiguration$;
__webpack_unused_export__ = InstanceAccessControlAttributeConfigurationStatus;
__webpack_unused_export__ = InstanceMetadata$;
__webpack_unused_export__ = InstanceStatus;
__webpack_unused_export__ = InternalServerException;
__webpack_unused_export__ = InternalServerException$;
__webpack_unused_export__ = JwksRetrievalOption;
__webpack_unused_export__ = JwtBearerGrant$;
__webpack_unused_export__ = KmsKeyStatus;
__webpack_unused_export__ = KmsKeyType;
__webpack_unused_export__ = ListAccountAssignmentCreationStatus$;
__webpack_unused_export__ = ListAccountAssignmentCreationStatusCommand;
__webpack_unused_export__ = ListAccountAssignmentCreationStatusRequest$;
__webpack_unused_export__ = ListAccountAssignmentCreationStatusResponse$;
__webpack_unused_export__ = ListAccountAssignmentDeletionStatus$;
__webpack_unused_export__ = ListAccountAssignmentDeletionStatusCommand;
__webpack_unused_export__ = ListAccountAssignmentDeletionStatusRequest$;
__webpack_unused_export__ = ListAccountAssignmentDeletionStatusResponse$;
__webpack_unused_export__ = ListAccountAssignments$;
__webpack_unused_export__ = ListAccountAssignmentsCommand;
__webpack_unused_export__ = ListAccountAssignmentsFilter$;
__webpack_unused_export__ = ListAccountAssignmentsForPrincipal$;
exports.sqr = ListAccountAssignmentsForPrincipalCommand;
__webpack_unused_export__ = ListAccountAssignmentsForPrincipalRequest$;
__webpack_unused_export__ = ListAccountAssignmentsForPrincipalResponse$;
__webpack_unused_export__ = ListAccountAssignmentsRequest$;
__webpack_unused_export__ = ListAccountAssignmentsResponse$;
__webpack_unused_export__ = ListAccountsForProvisionedPermissionSet$;
__webpack_unused_export__ = ListAccountsForProvisionedPermissionSetCommand;
__webpack_unused_export__ = ListAccountsForProvisionedPermissionSetRequest$;
__webpack_unused_export__ = ListAccountsForProvisionedPermissionSetResponse$;
__webpack_unused_export__ = ListApplicationAccessScopes$;
__webpack_unused_export__ = ListApplicationAccessScopesCommand;
__webpack_unused_export__ = ListApplicationAccessScopesRequest$;
__webpack_unused_export__ = ListApplicationAccessScopesResponse$;
__webpack_unused_export__ = ListApplicationAssignments$;
__webpack_unused_export__ = ListApplicationAssignmentsCommand;
__webpack_unused_export__ = ListApplicationAssignmentsFilter$;
__webpack_unused_export__ = ListApplicationAssignmentsForPrincipal$;
__webpack_unused_export__ = ListApplicationAssignmentsForPrincipalCommand;
__webpack_unused_export__ = ListApplicationAssignmentsForPrincipalRequest$;
__webpack_unused_export__ = ListApplicationAssignmentsForPrincipalResponse$;
__webpack_unused_export__ = ListApplicationAssignmentsRequest$;
__webpack_unused_export__ = ListApplicationAssignmentsResponse$;
__webpack_unused_export__ = ListApplicationAuthenticationMethods$;
__webpack_unused_export__ = ListApplicationAuthenticationMethodsCommand;
__webpack_unused_export__ = ListApplicationAuthenticationMethodsRequest$;
__webpack_unused_export__ = ListApplicationAuthenticationMethodsResponse$;
__webpack_unused_export__ = ListApplicationGrants$;
__webpack_unused_export__ = ListApplicationGrantsCommand;
__webpack_unused_export__ = ListApplicationGrantsRequest$;
__webpack_unused_export__ = ListApplicationGrantsResponse$;
__webpack_unused_export__ = ListApplicationProviders$;
__webpack_unused_export__ = ListApplicationProvidersCommand;
__webpack_unused_export__ = ListApplicationProvidersRequest$;
__webpack_unused_export__ = ListApplicationProvidersResponse$;
__webpack_unused_export__ = ListApplications$;
__webpack_unused_export__ = ListApplicationsCommand;
__webpack_unused_export__ = ListApplicationsFilter$;
__webpack_unused_export__ = ListApplicationsRequest$;
__webpack_unused_export__ = ListApplicationsResponse$;
__webpack_unused_export__ = ListCustomerManagedPolicyReferencesInPermissionSet$;
__webpack_unused_export__ = ListCustomerManagedPolicyReferencesInPermissionSetCommand;
__webpack_unused_export__ = ListCustomerManagedPolicyReferencesInPermissionSetRequest$;
__webpack_unused_export__ = ListCustomerManagedPolicyReferencesInPermissionSetResponse$;
__webpack_unused_export__ = ListInstances$;
__webpack_unused_export__ = ListInstancesCommand;
__webpack_unused_export__ = ListInstancesRequest$;
__webpack_unused_export__ = ListInstancesResponse$;
__webpack_unused_export__ = ListManagedPoliciesInPermissionSet$;
__webpack_unused_export__ = ListManagedPoliciesInPermissionSetCommand;
__webpack_unused_export__ = ListManagedPoliciesInPermissionSetRequest$;
__webpack_unused_export__ = ListManagedPoliciesInPermissionSetResponse$;
__webpack_unused_export__ = ListPermissionSetProvisioningStatus$;
__webpack_unused_export__ = ListPermissionSetProvisioningStatusCommand;
__webpack_unused_export__ = ListPermissionSetProvisioningStatusRequest$;
__webpack_unused_export__ = ListPermissionSetProvisioningStatusResponse$;
__webpack_unused_export__ = ListPermissionSets$;
__webpack_unused_export__ = ListPermissionSetsCommand;
__webpack_unused_export__ = ListPermissionSetsProvisionedToAccount$;
__webpack_unused_export__ = ListPermissionSetsProvisionedToAccountCommand;
__webpack_unused_export__ = ListPermissionSetsProvisionedToAccountRequest$;
__webpack_unused_export__ = ListPermissionSetsProvisionedToAccountResponse$;
__webpack_unused_export__ = ListPermissionSetsRequest$;
__webpack_unused_export__ = ListPermissionSetsResponse$;
__webpack_unused_export__ = ListRegions$;
__webpack_unused_export__ = ListRegionsCommand;
__webpack_unused_export__ = ListRegionsRequest$;
__webpack_unused_export__ = ListRegionsResponse$;
__webpack_unused_export__ = ListTagsForResource$;
__webpack_unused_export__ = ListTagsForResourceCommand;
__webpack_unused_export__ = ListTagsForResourceRequest$;
__webpack_unused_export__ = ListTagsForResourceResponse$;
__webpack_unused_export__ = ListTrustedTokenIssuers$;
__webpack_unused_export__ = ListTrustedTokenIssuersCommand;
__webpack_unused_export__ = ListTrustedTokenIssuersRequest$;
__webpack_unused_export__ = ListTrustedTokenIssuersResponse$;
__webpack_unused_export__ = OidcJwtConfiguration$;
__webpack_unused_export__ = OidcJwtUpdateConfiguration$;
__webpack_unused_export__ = OperationStatusFilter$;
__webpack_unused_export__ = PermissionSet$;
__webpack_unused_export__ = PermissionSetProvisioningStatus$;
__webpack_unused_export__ = PermissionSetProvisioningStatusMetadata$;
__webpack_unused_export__ = PermissionsBoundary$;
__webpack_unused_export__ = PortalOptions$;
__webpack_unused_export__ = PrincipalType;
__webpack_unused_export__ = ProvisionPermissionSet$;
__webpack_unused_export__ = ProvisionPermissionSetCommand;
__webpack_unused_export__ = ProvisionPermissionSetRequest$;
__webpack_unused_export__ = ProvisionPermissionSetResponse$;
__webpack_unused_export__ = ProvisionTargetType;
__webpack_unused_export__ = ProvisioningStatus;
__webpack_unused_export__ = PutApplicationAccessScope$;
__webpack_unused_export__ = PutApplicationAccessScopeCommand;
__webpack_unused_export__ = PutApplicationAccessScopeRequest$;
__webpack_unused_export__ = PutApplicationAssignmentConfiguration$;
__webpack_unused_export__ = PutApplicationAssignmentConfigurationCommand;
__webpack_unused_export__ = PutApplicationAssignmentConfigurationRequest$;
__webpack_unused_export__ = PutApplicationAssignmentConfigurationResponse$;
__webpack_unused_export__ = PutApplicationAuthenticationMethod$;
__webpack_unused_export__ = PutApplicationAuthenticationMethodCommand;
__webpack_unused_export__ = PutApplicationAuthenticationMethodRequest$;
__webpack_unused_export__ = PutApplicationGrant$;
__webpack_unused_export__ = PutApplicationGrantCommand;
__webpack_unused_export__ = PutApplicationGrantRequest$;
__webpack_unused_export__ = PutApplicationSessionConfiguration$;
__webpack_unused_export__ = PutApplicationSessionConfigurationCommand;
__webpack_unused_export__ = PutApplicationSessionConfigurationRequest$;
__webpack_unused_export__ = PutApplicationSessionConfigurationResponse$;
__webpack_unused_export__ = PutInlinePolicyToPermissionSet$;
__webpack_unused_export__ = PutInlinePolicyToPermissionSetCommand;
__webpack_unused_export__ = PutInlinePolicyToPermissionSetRequest$;
__webpack_unused_export__ = PutInlinePolicyToPermissionSetResponse$;
__webpack_unused_export__ = PutPermissionsBoundaryToPermissionSet$;
__webpack_unused_export__ = PutPermissionsBoundaryToPermissionSetCommand;
__webpack_unused_export__ = PutPermissionsBoundaryToPermissionSetRequest$;
__webpack_unused_export__ = PutPermissionsBoundaryToPermissionSetResponse$;
__webpack_unused_export__ = RefreshTokenGrant$;
__webpack_unused_export__ = RegionMetadata$;
__webpack_unused_export__ = RegionStatus;
__webpack_unused_export__ = RemoveRegion$;
__webpack_unused_export__ = RemoveRegionCommand;
__webpack_unused_export__ = RemoveRegionRequest$;
__webpack_unused_export__ = RemoveRegionResponse$;
__webpack_unused_export__ = ResourceNotFoundException;
__webpack_unused_export__ = ResourceNotFoundException$;
__webpack_unused_export__ = ResourceNotFoundExceptionReason;
__webpack_unused_export__ = ResourceServerConfig$;
__webpack_unused_export__ = ResourceServerScopeDetails$;
__webpack_unused_export__ = SSOAdmin;
exports.cJe = SSOAdminClient;
__webpack_unused_export__ = SSOAdminServiceException;
__webpack_unused_export__ = SSOAdminServiceException$;
__webpack_unused_export__ = ScopeDetails$;
__webpack_unused_export__ = ServiceQuotaExceededException;
__webpack_unused_export__ = ServiceQuotaExceededException$;
__webpack_unused_export__ = SignInOptions$;
__webpack_unused_export__ = SignInOrigin;
__webpack_unused_export__ = StatusValues;
__webpack_unused_export__ = Tag$;
__webpack_unused_export__ = TagResource$;
__webpack_unused_export__ = TagResourceCommand;
__webpack_unused_export__ = TagResourceRequest$;
__webpack_unused_export__ = TagResourceResponse$;
__webpack_unused_export__ = TargetType;
__webpack_unused_export__ = ThrottlingException;
__webpack_unused_export__ = ThrottlingException$;
__webpack_unused_export__ = ThrottlingExceptionReason;
__webpack_unused_export__ = TokenExchangeGrant$;
__webpack_unused_export__ = TrustedTokenIssuerConfiguration$;
__webpack_unused_export__ = TrustedTokenIssuerMetadata$;
__webpack_unused_export__ = TrustedTokenIssuerType;
__webpack_unused_export__ = TrustedTokenIssuerUpdateConfiguration$;
__webpack_unused_export__ = UntagResource$;
__webpack_unused_export__ = UntagResourceCommand;
__webpack_unused_export__ = UntagResourceRequest$;
__webpack_unused_export__ = UntagResourceResponse$;
__webpack_unused_export__ = UpdateApplication$;
__webpack_unused_export__ = UpdateApplicationCommand;
__webpack_unused_export__ = UpdateApplicationPortalOptions$;
__webpack_unused_export__ = UpdateApplicationRequest$;
__webpack_unused_export__ = UpdateApplicationResponse$;
__webpack_unused_export__ = UpdateInstance$;
__webpack_unused_export__ = UpdateInstanceAccessControlAttributeConfiguration$;
__webpack_unused_export__ = UpdateInstanceAccessControlAttributeConfigurationCommand;
__webpack_unused_export__ = UpdateInstanceAccessControlAttributeConfigurationRequest$;
__webpack_unused_export__ = UpdateInstanceAccessControlAttributeConfigurationResponse$;
__webpack_unused_export__ = UpdateInstanceCommand;
__webpack_unused_export__ = UpdateInstanceRequest$;
__webpack_unused_export__ = UpdateInstanceResponse$;
__webpack_unused_export__ = UpdatePermissionSet$;
__webpack_unused_export__ = UpdatePermissionSetCommand;
__webpack_unused_export__ = UpdatePermissionSetRequest$;
__webpack_unused_export__ = UpdatePermissionSetResponse$;
__webpack_unused_export__ = UpdateTrustedTokenIssuer$;
__webpack_unused_export__ = UpdateTrustedTokenIssuerCommand;
__webpack_unused_export__ = UpdateTrustedTokenIssuerRequest$;
__webpack_unused_export__ = UpdateTrustedTokenIssuerResponse$;
__webpack_unused_export__ = UserBackgroundSessionApplicationStatus;
__webpack_unused_export__ = ValidationException;
__webpack_unused_export__ = ValidationException$;
__webpack_unused_export__ = ValidationExceptionReason;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateListAccountAssignmentCreationStatus;
__webpack_unused_export__ = paginateListAccountAssignmentDeletionStatus;
__webpack_unused_export__ = paginateListAccountAssignments;
__webpack_unused_export__ = paginateListAccountAssignmentsForPrincipal;
__webpack_unused_export__ = paginateListAccountsForProvisionedPermissionSet;
__webpack_unused_export__ = paginateListApplicationAccessScopes;
__webpack_unused_export__ = paginateListApplicationAssignments;
__webpack_unused_export__ = paginateListApplicationAssignmentsForPrincipal;
__webpack_unused_export__ = paginateListApplicationAuthenticationMethods;
__webpack_unused_export__ = paginateListApplicationGrants;
__webpack_unused_export__ = paginateListApplicationProviders;
__webpack_unused_export__ = paginateListApplications;
__webpack_unused_export__ = paginateListCustomerManagedPolicyReferencesInPermissionSet;
__webpack_unused_export__ = paginateListInstances;
__webpack_unused_export__ = paginateListManagedPoliciesInPermissionSet;
__webpack_unused_export__ = paginateListPermissionSetProvisioningStatus;
__webpack_unused_export__ = paginateListPermissionSets;
__webpack_unused_export__ = paginateListPermissionSetsProvisionedToAccount;
__webpack_unused_export__ = paginateListRegions;
__webpack_unused_export__ = paginateListTagsForResource;
__webpack_unused_export__ = paginateListTrustedTokenIssuers;


/***/ })

};

//# sourceMappingURL=53.index.js.map