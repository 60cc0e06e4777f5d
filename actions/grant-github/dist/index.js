import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 7935:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _onramp_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(58);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5510);


await (0,_onramp_core__WEBPACK_IMPORTED_MODULE_0__/* .runAction */ .Cs)(() => (0,_main_js__WEBPACK_IMPORTED_MODULE_1__/* .main */ .iW)((0,_main_js__WEBPACK_IMPORTED_MODULE_1__/* .readInputs */ .Ko)()).then(() => undefined));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 5510:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  iW: () => (/* binding */ main),
  Ko: () => (/* binding */ readInputs)
});

// UNUSED EXPORTS: run, runMany

// EXTERNAL MODULE: ../../packages/core/src/index.ts + 26 modules
var src = __nccwpck_require__(58);
;// CONCATENATED MODULE: ../../packages/ledger/src/all.ts
// Every person's record, for plans across people (the access plan, converge runs, status reports): the store
// lists itself (the github backend: one read of the state branch's tree) and the records are read by version
// (blobs), so the cost is one listing plus one read per person, never a search per person.

/** Every record the ledger holds, sorted by employee id. */
async function readAllRecords(ledger) {
    // Only names a record can have (a stray file such as `notes.txt.json` or `..json` is not a person).
    const ids = (await ledger.list()).map((e) => e.employee_id).filter((id) => src/* EMPLOYEE_ID_PATTERN */.S3.test(id));
    const records = await ledger.getMany([...new Set(ids)].sort());
    return [...records.values()].sort((a, b) => (a.employee_id < b.employee_id ? -1 : 1));
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1_patch_hash=efde6c4636b20594e925d0e030e852b40bf8afbc0e65fa94474df689008d3f04/node_modules/@actions/core/lib/core.js + 9 modules
var core = __nccwpck_require__(222);
;// CONCATENATED MODULE: external "module"
const external_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");
;// CONCATENATED MODULE: ../../node_modules/.pnpm/fflate@0.8.3/node_modules/fflate/esm/index.mjs

var esm_require = (0,external_module_namespaceObject.createRequire)('/');
// DEFLATE is a complex format; to read this code, you should probably check the RFC first:
// https://tools.ietf.org/html/rfc1951
// You may also wish to take a look at the guide I made about this program:
// https://gist.github.com/101arrowz/253f31eb5abc3d9275ab943003ffecad
// Some of the following code is similar to that of UZIP.js:
// https://github.com/photopea/UZIP.js
// However, the vast majority of the codebase has diverged from UZIP.js to increase performance and reduce bundle size.
// Sometimes 0 will appear where -1 would be more appropriate. This is because using a uint
// is better for memory in most engines (I *think*).
var _a;
// Mediocre shim
var Worker;
var isMarkedAsUntransferable;
var workerAdd = ";var __w=require('worker_threads');__w.parentPort.on('message',function(m){onmessage({data:m})}),postMessage=function(m,t){__w.parentPort.postMessage(m,t)},close=process.exit;self=global";
try {
    (_a = esm_require('worker_threads'), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable);
}
catch (e) {
}
var wk = (/* unused pure expression or super */ null && (Worker ? function (c, _, msg, transfer, cb) {
    var done = false;
    var w = new Worker(c + workerAdd, { eval: true })
        .on('error', function (e) { return cb(e, null); })
        .on('message', function (m) { return cb(null, m); })
        .on('exit', function (c) {
        if (c && !done)
            cb(new Error('exited with code ' + c), null);
    });
    if (isMarkedAsUntransferable)
        transfer = transfer.filter(function (t) { return !isMarkedAsUntransferable(t); });
    w.postMessage(msg, transfer);
    w.terminate = function () {
        done = true;
        return Worker.prototype.terminate.call(w);
    };
    return w;
} : function (_, __, ___, ____, cb) {
    setImmediate(function () { return cb(new Error('async operations unsupported - update to Node 12+ (or Node 10-11 with the --experimental-worker CLI flag)'), null); });
    var NOP = function () { };
    return {
        terminate: NOP,
        postMessage: NOP
    };
}));

// aliases for shorter compressed code (most minifers don't do this)
var u8 = Uint8Array, u16 = Uint16Array, i32 = Int32Array;
// fixed length extra bits
var fleb = new u8([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0, /* unused */ 0, 0, /* impossible */ 0]);
// fixed distance extra bits
var fdeb = new u8([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, /* unused */ 0, 0]);
// code length index map
var clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
// get base, reverse index map from extra bits
var freb = function (eb, start) {
    var b = new u16(31);
    for (var i = 0; i < 31; ++i) {
        b[i] = start += 1 << eb[i - 1];
    }
    // numbers here are at max 18 bits
    var r = new i32(b[30]);
    for (var i = 1; i < 30; ++i) {
        for (var j = b[i]; j < b[i + 1]; ++j) {
            r[j] = ((j - b[i]) << 5) | i;
        }
    }
    return { b: b, r: r };
};
var _a = freb(fleb, 2), fl = _a.b, revfl = _a.r;
// we can ignore the fact that the other numbers are wrong; they never happen anyway
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0), fd = _b.b, revfd = _b.r;
// map of value to reverse (assuming 16 bits)
var rev = new u16(32768);
for (var i = 0; i < 32768; ++i) {
    // reverse table algorithm from SO
    var x = ((i & 0xAAAA) >> 1) | ((i & 0x5555) << 1);
    x = ((x & 0xCCCC) >> 2) | ((x & 0x3333) << 2);
    x = ((x & 0xF0F0) >> 4) | ((x & 0x0F0F) << 4);
    rev[i] = (((x & 0xFF00) >> 8) | ((x & 0x00FF) << 8)) >> 1;
}
// create huffman tree from u8 "map": index -> code length for code index
// mb (max bits) must be at most 15
// TODO: optimize/split up?
var hMap = (function (cd, mb, r) {
    var s = cd.length;
    // index
    var i = 0;
    // u16 "map": index -> # of codes with bit length = index
    var l = new u16(mb);
    // length of cd must be 288 (total # of codes)
    for (; i < s; ++i) {
        if (cd[i])
            ++l[cd[i] - 1];
    }
    // u16 "map": index -> minimum code for bit length = index
    var le = new u16(mb);
    for (i = 1; i < mb; ++i) {
        le[i] = (le[i - 1] + l[i - 1]) << 1;
    }
    var co;
    if (r) {
        // u16 "map": index -> number of actual bits, symbol for code
        co = new u16(1 << mb);
        // bits to remove for reverser
        var rvb = 15 - mb;
        for (i = 0; i < s; ++i) {
            // ignore 0 lengths
            if (cd[i]) {
                // num encoding both symbol and bits read
                var sv = (i << 4) | cd[i];
                // free bits
                var r_1 = mb - cd[i];
                // start value
                var v = le[cd[i] - 1]++ << r_1;
                // m is end value
                for (var m = v | ((1 << r_1) - 1); v <= m; ++v) {
                    // every 16 bit value starting with the code yields the same result
                    co[rev[v] >> rvb] = sv;
                }
            }
        }
    }
    else {
        co = new u16(s);
        for (i = 0; i < s; ++i) {
            if (cd[i]) {
                co[i] = rev[le[cd[i] - 1]++] >> (15 - cd[i]);
            }
        }
    }
    return co;
});
// fixed length tree
var flt = new u8(288);
for (var i = 0; i < 144; ++i)
    flt[i] = 8;
for (var i = 144; i < 256; ++i)
    flt[i] = 9;
for (var i = 256; i < 280; ++i)
    flt[i] = 7;
for (var i = 280; i < 288; ++i)
    flt[i] = 8;
// fixed distance tree
var fdt = new u8(32);
for (var i = 0; i < 32; ++i)
    fdt[i] = 5;
// fixed length map
var flm = /*#__PURE__*/ (/* unused pure expression or super */ null && (hMap(flt, 9, 0))), flrm = /*#__PURE__*/ hMap(flt, 9, 1);
// fixed distance map
var fdm = /*#__PURE__*/ (/* unused pure expression or super */ null && (hMap(fdt, 5, 0))), fdrm = /*#__PURE__*/ hMap(fdt, 5, 1);
// find max of array
var max = function (a) {
    var m = a[0];
    for (var i = 1; i < a.length; ++i) {
        if (a[i] > m)
            m = a[i];
    }
    return m;
};
// read d, starting at bit p and mask with m
var bits = function (d, p, m) {
    var o = (p / 8) | 0;
    return ((d[o] | (d[o + 1] << 8)) >> (p & 7)) & m;
};
// read d, starting at bit p continuing for at least 16 bits
var bits16 = function (d, p) {
    var o = (p / 8) | 0;
    return ((d[o] | (d[o + 1] << 8) | (d[o + 2] << 16)) >> (p & 7));
};
// get end of byte
var shft = function (p) { return ((p + 7) / 8) | 0; };
// typed array slice - allows garbage collector to free original reference,
// while being more compatible than .slice
var slc = function (v, s, e) {
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    // can't use .constructor in case user-supplied
    return new u8(v.subarray(s, e));
};
/**
 * Codes for errors generated within this library
 */
var FlateErrorCode = {
    UnexpectedEOF: 0,
    InvalidBlockType: 1,
    InvalidLengthLiteral: 2,
    InvalidDistance: 3,
    StreamFinished: 4,
    NoStreamHandler: 5,
    InvalidHeader: 6,
    NoCallback: 7,
    InvalidUTF8: 8,
    ExtraFieldTooLong: 9,
    InvalidDate: 10,
    FilenameTooLong: 11,
    StreamFinishing: 12,
    InvalidZipData: 13,
    UnknownCompressionMethod: 14
};
// error codes
var ec = [
    'unexpected EOF',
    'invalid block type',
    'invalid length/literal',
    'invalid distance',
    'stream finished',
    'no stream handler',
    , // determined by compression function
    'no callback',
    'invalid UTF-8 data',
    'extra field too long',
    'date not in range 1980-2099',
    'filename too long',
    'stream finishing',
    'invalid zip data'
    // determined by unknown compression method
];
;
var err = function (ind, msg, nt) {
    var e = new Error(msg || ec[ind]);
    e.code = ind;
    if (Error.captureStackTrace)
        Error.captureStackTrace(e, err);
    if (!nt)
        throw e;
    return e;
};
// expands raw DEFLATE data
var inflt = function (dat, st, buf, dict) {
    // source length       dict length
    var sl = dat.length, dl = dict ? dict.length : 0;
    if (!sl || st.f && !st.l)
        return buf || new u8(0);
    var noBuf = !buf;
    // have to estimate size
    var resize = noBuf || st.i != 2;
    // no state
    var noSt = st.i;
    // Assumes roughly 33% compression ratio average
    if (noBuf)
        buf = new u8(sl * 3);
    // ensure buffer can fit at least l elements
    var cbuf = function (l) {
        var bl = buf.length;
        // need to increase size to fit
        if (l > bl) {
            // Double or set to necessary, whichever is greater
            var nbuf = new u8(Math.max(bl * 2, l));
            nbuf.set(buf);
            buf = nbuf;
        }
    };
    //  last chunk         bitpos           bytes
    var final = st.f || 0, pos = st.p || 0, bt = st.b || 0, lm = st.l, dm = st.d, lbt = st.m, dbt = st.n;
    // total bits
    var tbts = sl * 8;
    do {
        if (!lm) {
            // BFINAL - this is only 1 when last chunk is next
            final = bits(dat, pos, 1);
            // type: 0 = no compression, 1 = fixed huffman, 2 = dynamic huffman
            var type = bits(dat, pos + 1, 3);
            pos += 3;
            if (!type) {
                // go to end of byte boundary
                var s = shft(pos) + 4, l = dat[s - 4] | (dat[s - 3] << 8), t = s + l;
                if (t > sl) {
                    if (noSt)
                        err(0);
                    break;
                }
                // ensure size
                if (resize)
                    cbuf(bt + l);
                // Copy over uncompressed data
                buf.set(dat.subarray(s, t), bt);
                // Get new bitpos, update byte count
                st.b = bt += l, st.p = pos = t * 8, st.f = final;
                continue;
            }
            else if (type == 1)
                lm = flrm, dm = fdrm, lbt = 9, dbt = 5;
            else if (type == 2) {
                //  literal                            lengths
                var hLit = bits(dat, pos, 31) + 257, hcLen = bits(dat, pos + 10, 15) + 4;
                var tl = hLit + bits(dat, pos + 5, 31) + 1;
                pos += 14;
                // length+distance tree
                var ldt = new u8(tl);
                // code length tree
                var clt = new u8(19);
                for (var i = 0; i < hcLen; ++i) {
                    // use index map to get real code
                    clt[clim[i]] = bits(dat, pos + i * 3, 7);
                }
                pos += hcLen * 3;
                // code lengths bits
                var clb = max(clt), clbmsk = (1 << clb) - 1;
                // code lengths map
                var clm = hMap(clt, clb, 1);
                for (var i = 0; i < tl;) {
                    var r = clm[bits(dat, pos, clbmsk)];
                    // bits read
                    pos += r & 15;
                    // symbol
                    var s = r >> 4;
                    // code length to copy
                    if (s < 16) {
                        ldt[i++] = s;
                    }
                    else {
                        //  copy   count
                        var c = 0, n = 0;
                        if (s == 16)
                            n = 3 + bits(dat, pos, 3), pos += 2, c = ldt[i - 1];
                        else if (s == 17)
                            n = 3 + bits(dat, pos, 7), pos += 3;
                        else if (s == 18)
                            n = 11 + bits(dat, pos, 127), pos += 7;
                        while (n--)
                            ldt[i++] = c;
                    }
                }
                //    length tree                 distance tree
                var lt = ldt.subarray(0, hLit), dt = ldt.subarray(hLit);
                // max length bits
                lbt = max(lt);
                // max dist bits
                dbt = max(dt);
                lm = hMap(lt, lbt, 1);
                dm = hMap(dt, dbt, 1);
            }
            else
                err(1);
            if (pos > tbts) {
                if (noSt)
                    err(0);
                break;
            }
        }
        // Make sure the buffer can hold this + the largest possible addition
        // Maximum chunk size (practically, theoretically infinite) is 2^17
        if (resize)
            cbuf(bt + 131072);
        var lms = (1 << lbt) - 1, dms = (1 << dbt) - 1;
        var lpos = pos;
        for (;; lpos = pos) {
            // bits read, code
            var c = lm[bits16(dat, pos) & lms], sym = c >> 4;
            pos += c & 15;
            if (pos > tbts) {
                if (noSt)
                    err(0);
                break;
            }
            if (!c)
                err(2);
            if (sym < 256)
                buf[bt++] = sym;
            else if (sym == 256) {
                lpos = pos, lm = null;
                break;
            }
            else {
                var add = sym - 254;
                // no extra bits needed if less
                if (sym > 264) {
                    // index
                    var i = sym - 257, b = fleb[i];
                    add = bits(dat, pos, (1 << b) - 1) + fl[i];
                    pos += b;
                }
                // dist
                var d = dm[bits16(dat, pos) & dms], dsym = d >> 4;
                if (!d)
                    err(3);
                pos += d & 15;
                var dt = fd[dsym];
                if (dsym > 3) {
                    var b = fdeb[dsym];
                    dt += bits16(dat, pos) & (1 << b) - 1, pos += b;
                }
                if (pos > tbts) {
                    if (noSt)
                        err(0);
                    break;
                }
                if (resize)
                    cbuf(bt + 131072);
                var end = bt + add;
                if (bt < dt) {
                    var shift = dl - dt, dend = Math.min(dt, end);
                    if (shift + bt < 0)
                        err(3);
                    for (; bt < dend; ++bt)
                        buf[bt] = dict[shift + bt];
                }
                for (; bt < end; ++bt)
                    buf[bt] = buf[bt - dt];
            }
        }
        st.l = lm, st.p = lpos, st.b = bt, st.f = final;
        if (lm)
            final = 1, st.m = lbt, st.d = dm, st.n = dbt;
    } while (!final);
    // don't reallocate for streams or user buffers
    return bt != buf.length && noBuf ? slc(buf, 0, bt) : buf.subarray(0, bt);
};
// starting at p, write the minimum number of bits that can hold v to d
var wbits = function (d, p, v) {
    v <<= p & 7;
    var o = (p / 8) | 0;
    d[o] |= v;
    d[o + 1] |= v >> 8;
};
// starting at p, write the minimum number of bits (>8) that can hold v to d
var wbits16 = function (d, p, v) {
    v <<= p & 7;
    var o = (p / 8) | 0;
    d[o] |= v;
    d[o + 1] |= v >> 8;
    d[o + 2] |= v >> 16;
};
// creates code lengths from a frequency table
var hTree = function (d, mb) {
    // Need extra info to make a tree
    var t = [];
    for (var i = 0; i < d.length; ++i) {
        if (d[i])
            t.push({ s: i, f: d[i] });
    }
    var s = t.length;
    var t2 = t.slice();
    if (!s)
        return { t: et, l: 0 };
    if (s == 1) {
        var v = new u8(t[0].s + 1);
        v[t[0].s] = 1;
        return { t: v, l: 1 };
    }
    t.sort(function (a, b) { return a.f - b.f; });
    // after i2 reaches last ind, will be stopped
    // freq must be greater than largest possible number of symbols
    t.push({ s: -1, f: 25001 });
    var l = t[0], r = t[1], i0 = 0, i1 = 1, i2 = 2;
    t[0] = { s: -1, f: l.f + r.f, l: l, r: r };
    // efficient algorithm from UZIP.js
    // i0 is lookbehind, i2 is lookahead - after processing two low-freq
    // symbols that combined have high freq, will start processing i2 (high-freq,
    // non-composite) symbols instead
    // see https://reddit.com/r/photopea/comments/ikekht/uzipjs_questions/
    while (i1 != s - 1) {
        l = t[t[i0].f < t[i2].f ? i0++ : i2++];
        r = t[i0 != i1 && t[i0].f < t[i2].f ? i0++ : i2++];
        t[i1++] = { s: -1, f: l.f + r.f, l: l, r: r };
    }
    var maxSym = t2[0].s;
    for (var i = 1; i < s; ++i) {
        if (t2[i].s > maxSym)
            maxSym = t2[i].s;
    }
    // code lengths
    var tr = new u16(maxSym + 1);
    // max bits in tree
    var mbt = ln(t[i1 - 1], tr, 0);
    if (mbt > mb) {
        // more algorithms from UZIP.js
        // TODO: find out how this code works (debt)
        //  ind    debt
        var i = 0, dt = 0;
        //    left            cost
        var lft = mbt - mb, cst = 1 << lft;
        t2.sort(function (a, b) { return tr[b.s] - tr[a.s] || a.f - b.f; });
        for (; i < s; ++i) {
            var i2_1 = t2[i].s;
            if (tr[i2_1] > mb) {
                dt += cst - (1 << (mbt - tr[i2_1]));
                tr[i2_1] = mb;
            }
            else
                break;
        }
        dt >>= lft;
        while (dt > 0) {
            var i2_2 = t2[i].s;
            if (tr[i2_2] < mb)
                dt -= 1 << (mb - tr[i2_2]++ - 1);
            else
                ++i;
        }
        for (; i >= 0 && dt; --i) {
            var i2_3 = t2[i].s;
            if (tr[i2_3] == mb) {
                --tr[i2_3];
                ++dt;
            }
        }
        mbt = mb;
    }
    return { t: new u8(tr), l: mbt };
};
// get the max length and assign length codes
var ln = function (n, l, d) {
    return n.s == -1
        ? Math.max(ln(n.l, l, d + 1), ln(n.r, l, d + 1))
        : (l[n.s] = d);
};
// length codes generation
var lc = function (c) {
    var s = c.length;
    // Note that the semicolon was intentional
    while (s && !c[--s])
        ;
    var cl = new u16(++s);
    //  ind      num         streak
    var cli = 0, cln = c[0], cls = 1;
    var w = function (v) { cl[cli++] = v; };
    for (var i = 1; i <= s; ++i) {
        if (c[i] == cln && i != s)
            ++cls;
        else {
            if (!cln && cls > 2) {
                for (; cls > 138; cls -= 138)
                    w(32754);
                if (cls > 2) {
                    w(cls > 10 ? ((cls - 11) << 5) | 28690 : ((cls - 3) << 5) | 12305);
                    cls = 0;
                }
            }
            else if (cls > 3) {
                w(cln), --cls;
                for (; cls > 6; cls -= 6)
                    w(8304);
                if (cls > 2)
                    w(((cls - 3) << 5) | 8208), cls = 0;
            }
            while (cls--)
                w(cln);
            cls = 1;
            cln = c[i];
        }
    }
    return { c: cl.subarray(0, cli), n: s };
};
// calculate the length of output from tree, code lengths
var clen = function (cf, cl) {
    var l = 0;
    for (var i = 0; i < cl.length; ++i)
        l += cf[i] * cl[i];
    return l;
};
// writes a fixed block
// returns the new bit pos
var wfblk = function (out, pos, dat) {
    // no need to write 00 as type: TypedArray defaults to 0
    var s = dat.length;
    var o = shft(pos + 2);
    out[o] = s & 255;
    out[o + 1] = s >> 8;
    out[o + 2] = out[o] ^ 255;
    out[o + 3] = out[o + 1] ^ 255;
    for (var i = 0; i < s; ++i)
        out[o + i + 4] = dat[i];
    return (o + 4 + s) * 8;
};
// writes a block
var wblk = function (dat, out, final, syms, lf, df, eb, li, bs, bl, p) {
    wbits(out, p++, final);
    ++lf[256];
    var _a = hTree(lf, 15), dlt = _a.t, mlb = _a.l;
    var _b = hTree(df, 15), ddt = _b.t, mdb = _b.l;
    var _c = lc(dlt), lclt = _c.c, nlc = _c.n;
    var _d = lc(ddt), lcdt = _d.c, ndc = _d.n;
    var lcfreq = new u16(19);
    for (var i = 0; i < lclt.length; ++i)
        ++lcfreq[lclt[i] & 31];
    for (var i = 0; i < lcdt.length; ++i)
        ++lcfreq[lcdt[i] & 31];
    var _e = hTree(lcfreq, 7), lct = _e.t, mlcb = _e.l;
    var nlcc = 19;
    for (; nlcc > 4 && !lct[clim[nlcc - 1]]; --nlcc)
        ;
    var flen = (bl + 5) << 3;
    var ftlen = clen(lf, flt) + clen(df, fdt) + eb;
    var dtlen = clen(lf, dlt) + clen(df, ddt) + eb + 14 + 3 * nlcc + clen(lcfreq, lct) + 2 * lcfreq[16] + 3 * lcfreq[17] + 7 * lcfreq[18];
    if (bs >= 0 && flen <= ftlen && flen <= dtlen)
        return wfblk(out, p, dat.subarray(bs, bs + bl));
    var lm, ll, dm, dl;
    wbits(out, p, 1 + (dtlen < ftlen)), p += 2;
    if (dtlen < ftlen) {
        lm = hMap(dlt, mlb, 0), ll = dlt, dm = hMap(ddt, mdb, 0), dl = ddt;
        var llm = hMap(lct, mlcb, 0);
        wbits(out, p, nlc - 257);
        wbits(out, p + 5, ndc - 1);
        wbits(out, p + 10, nlcc - 4);
        p += 14;
        for (var i = 0; i < nlcc; ++i)
            wbits(out, p + 3 * i, lct[clim[i]]);
        p += 3 * nlcc;
        var lcts = [lclt, lcdt];
        for (var it = 0; it < 2; ++it) {
            var clct = lcts[it];
            for (var i = 0; i < clct.length; ++i) {
                var len = clct[i] & 31;
                wbits(out, p, llm[len]), p += lct[len];
                if (len > 15)
                    wbits(out, p, (clct[i] >> 5) & 127), p += clct[i] >> 12;
            }
        }
    }
    else {
        lm = flm, ll = flt, dm = fdm, dl = fdt;
    }
    for (var i = 0; i < li; ++i) {
        var sym = syms[i];
        if (sym > 255) {
            var len = (sym >> 18) & 31;
            wbits16(out, p, lm[len + 257]), p += ll[len + 257];
            if (len > 7)
                wbits(out, p, (sym >> 23) & 31), p += fleb[len];
            var dst = sym & 31;
            wbits16(out, p, dm[dst]), p += dl[dst];
            if (dst > 3)
                wbits16(out, p, (sym >> 5) & 8191), p += fdeb[dst];
        }
        else {
            wbits16(out, p, lm[sym]), p += ll[sym];
        }
    }
    wbits16(out, p, lm[256]);
    return p + ll[256];
};
// deflate options (nice << 13) | chain
var deo = /*#__PURE__*/ new i32([65540, 131080, 131088, 131104, 262176, 1048704, 1048832, 2114560, 2117632]);
// empty
var et = /*#__PURE__*/ new u8(0);
// compresses data into a raw DEFLATE buffer
var dflt = function (dat, lvl, plvl, pre, post, st) {
    var s = st.z || dat.length;
    var o = new u8(pre + s + 5 * (1 + Math.ceil(s / 7000)) + post);
    // writing to this writes to the output buffer
    var w = o.subarray(pre, o.length - post);
    var lst = st.l;
    var pos = (st.r || 0) & 7;
    if (lvl) {
        if (pos)
            w[0] = st.r >> 3;
        var opt = deo[lvl - 1];
        var n = opt >> 13, c = opt & 8191;
        var msk_1 = (1 << plvl) - 1;
        //    prev 2-byte val map    curr 2-byte val map
        var prev = st.p || new u16(32768), head = st.h || new u16(msk_1 + 1);
        var bs1_1 = Math.ceil(plvl / 3), bs2_1 = 2 * bs1_1;
        var hsh = function (i) { return (dat[i] ^ (dat[i + 1] << bs1_1) ^ (dat[i + 2] << bs2_1)) & msk_1; };
        // 24576 is an arbitrary number of maximum symbols per block
        // 424 buffer for last block
        var syms = new i32(25000);
        // length/literal freq   distance freq
        var lf = new u16(288), df = new u16(32);
        //  l/lcnt  exbits  index          l/lind  waitdx          blkpos
        var lc_1 = 0, eb = 0, i = st.i || 0, li = 0, wi = st.w || 0, bs = 0;
        for (; i + 2 < s; ++i) {
            // hash value
            var hv = hsh(i);
            // index mod 32768    previous index mod
            var imod = i & 32767, pimod = head[hv];
            prev[imod] = pimod;
            head[hv] = imod;
            // We always should modify head and prev, but only add symbols if
            // this data is not yet processed ("wait" for wait index)
            if (wi <= i) {
                // bytes remaining
                var rem = s - i;
                if ((lc_1 > 7000 || li > 24576) && (rem > 423 || !lst)) {
                    pos = wblk(dat, w, 0, syms, lf, df, eb, li, bs, i - bs, pos);
                    li = lc_1 = eb = 0, bs = i;
                    for (var j = 0; j < 286; ++j)
                        lf[j] = 0;
                    for (var j = 0; j < 30; ++j)
                        df[j] = 0;
                }
                //  len    dist   chain
                var l = 2, d = 0, ch_1 = c, dif = imod - pimod & 32767;
                if (rem > 2 && hv == hsh(i - dif)) {
                    var maxn = Math.min(n, rem) - 1;
                    var maxd = Math.min(32767, i);
                    // max possible length
                    // not capped at dif because decompressors implement "rolling" index population
                    var ml = Math.min(258, rem);
                    while (dif <= maxd && --ch_1 && imod != pimod) {
                        if (dat[i + l] == dat[i + l - dif]) {
                            var nl = 0;
                            for (; nl < ml && dat[i + nl] == dat[i + nl - dif]; ++nl)
                                ;
                            if (nl > l) {
                                l = nl, d = dif;
                                // break out early when we reach "nice" (we are satisfied enough)
                                if (nl > maxn)
                                    break;
                                // now, find the rarest 2-byte sequence within this
                                // length of literals and search for that instead.
                                // Much faster than just using the start
                                var mmd = Math.min(dif, nl - 2);
                                var md = 0;
                                for (var j = 0; j < mmd; ++j) {
                                    var ti = i - dif + j & 32767;
                                    var pti = prev[ti];
                                    var cd = ti - pti & 32767;
                                    if (cd > md)
                                        md = cd, pimod = ti;
                                }
                            }
                        }
                        // check the previous match
                        imod = pimod, pimod = prev[imod];
                        dif += imod - pimod & 32767;
                    }
                }
                // d will be nonzero only when a match was found
                if (d) {
                    // store both dist and len data in one int32
                    // Make sure this is recognized as a len/dist with 28th bit (2^28)
                    syms[li++] = 268435456 | (revfl[l] << 18) | revfd[d];
                    var lin = revfl[l] & 31, din = revfd[d] & 31;
                    eb += fleb[lin] + fdeb[din];
                    ++lf[257 + lin];
                    ++df[din];
                    wi = i + l;
                    ++lc_1;
                }
                else {
                    syms[li++] = dat[i];
                    ++lf[dat[i]];
                }
            }
        }
        for (i = Math.max(i, wi); i < s; ++i) {
            syms[li++] = dat[i];
            ++lf[dat[i]];
        }
        pos = wblk(dat, w, lst, syms, lf, df, eb, li, bs, i - bs, pos);
        if (!lst) {
            st.r = (pos & 7) | w[(pos / 8) | 0] << 3;
            // shft(pos) now 1 less if pos & 7 != 0
            pos -= 7;
            st.h = head, st.p = prev, st.i = i, st.w = wi;
        }
    }
    else {
        for (var i = st.w || 0; i < s + lst; i += 65535) {
            // end
            var e = i + 65535;
            if (e >= s) {
                // write final block
                w[(pos / 8) | 0] = lst;
                e = s;
            }
            pos = wfblk(w, pos + 1, dat.subarray(i, e));
        }
        st.i = s;
    }
    return slc(o, 0, pre + shft(pos) + post);
};
// CRC32 table
var crct = /*#__PURE__*/ (/* unused pure expression or super */ null && ((function () {
    var t = new Int32Array(256);
    for (var i = 0; i < 256; ++i) {
        var c = i, k = 9;
        while (--k)
            c = ((c & 1) && -306674912) ^ (c >>> 1);
        t[i] = c;
    }
    return t;
})()));
// CRC32
var crc = function () {
    var c = -1;
    return {
        p: function (d) {
            // closures have awful performance
            var cr = c;
            for (var i = 0; i < d.length; ++i)
                cr = crct[(cr & 255) ^ d[i]] ^ (cr >>> 8);
            c = cr;
        },
        d: function () { return ~c; }
    };
};
// Adler32
var adler = function () {
    var a = 1, b = 0;
    return {
        p: function (d) {
            // closures have awful performance
            var n = a, m = b;
            var l = d.length | 0;
            for (var i = 0; i != l;) {
                var e = Math.min(i + 2655, l);
                for (; i < e; ++i)
                    m += n += d[i];
                n = (n & 65535) + 15 * (n >> 16), m = (m & 65535) + 15 * (m >> 16);
            }
            a = n, b = m;
        },
        d: function () {
            a %= 65521, b %= 65521;
            return (a & 255) << 24 | (a & 0xFF00) << 8 | (b & 255) << 8 | (b >> 8);
        }
    };
};
;
// deflate with opts
var dopt = function (dat, opt, pre, post, st) {
    if (!st) {
        st = { l: 1 };
        if (opt.dictionary) {
            var dict = opt.dictionary.subarray(-32768);
            var newDat = new u8(dict.length + dat.length);
            newDat.set(dict);
            newDat.set(dat, dict.length);
            dat = newDat;
            st.w = dict.length;
        }
    }
    return dflt(dat, opt.level == null ? 6 : opt.level, opt.mem == null ? (st.l ? Math.ceil(Math.max(8, Math.min(13, Math.log(dat.length))) * 1.5) : 20) : (12 + opt.mem), pre, post, st);
};
// Walmart object spread
var mrg = function (a, b) {
    var o = {};
    for (var k in a)
        o[k] = a[k];
    for (var k in b)
        o[k] = b[k];
    return o;
};
// worker clone
// This is possibly the craziest part of the entire codebase, despite how simple it may seem.
// The only parameter to this function is a closure that returns an array of variables outside of the function scope.
// We're going to try to figure out the variable names used in the closure as strings because that is crucial for workerization.
// We will return an object mapping of true variable name to value (basically, the current scope as a JS object).
// The reason we can't just use the original variable names is minifiers mangling the toplevel scope.
// This took me three weeks to figure out how to do.
var wcln = function (fn, fnStr, td) {
    var dt = fn();
    var st = fn.toString();
    var ks = st.slice(st.indexOf('[') + 1, st.lastIndexOf(']')).replace(/\s+/g, '').split(',');
    for (var i = 0; i < dt.length; ++i) {
        var v = dt[i], k = ks[i];
        if (typeof v == 'function') {
            fnStr += ';' + k + '=';
            var st_1 = v.toString();
            if (v.prototype) {
                // for global objects
                if (st_1.indexOf('[native code]') != -1) {
                    var spInd = st_1.indexOf(' ', 8) + 1;
                    fnStr += st_1.slice(spInd, st_1.indexOf('(', spInd));
                }
                else {
                    fnStr += st_1;
                    for (var t in v.prototype)
                        fnStr += ';' + k + '.prototype.' + t + '=' + v.prototype[t].toString();
                }
            }
            else
                fnStr += st_1;
        }
        else
            td[k] = v;
    }
    return fnStr;
};
var ch = (/* unused pure expression or super */ null && ([]));
// clone bufs
var cbfs = function (v) {
    var tl = [];
    for (var k in v) {
        if (v[k].buffer) {
            tl.push((v[k] = new v[k].constructor(v[k])).buffer);
        }
    }
    return tl;
};
// use a worker to execute code
var wrkr = function (fns, init, id, cb) {
    if (!ch[id]) {
        var fnStr = '', td_1 = {}, m = fns.length - 1;
        for (var i = 0; i < m; ++i)
            fnStr = wcln(fns[i], fnStr, td_1);
        ch[id] = { c: wcln(fns[m], fnStr, td_1), e: td_1 };
    }
    var td = mrg({}, ch[id].e);
    return wk(ch[id].c + ';onmessage=function(e){for(var k in e.data)self[k]=e.data[k];onmessage=' + init.toString() + '}', id, td, cbfs(td), cb);
};
// base async inflate fn
var bInflt = function () { return [u8, u16, i32, fleb, fdeb, clim, fl, fd, flrm, fdrm, rev, ec, hMap, max, bits, bits16, shft, slc, err, inflt, inflateSync, pbf, gopt]; };
var bDflt = function () { return [u8, u16, i32, fleb, fdeb, clim, revfl, revfd, flm, flt, fdm, fdt, rev, deo, et, hMap, wbits, wbits16, hTree, ln, lc, clen, wfblk, wblk, shft, slc, dflt, dopt, deflateSync, pbf]; };
// gzip extra
var gze = function () { return [gzh, gzhl, wbytes, crc, crct]; };
// gunzip extra
var guze = function () { return [gzs, gzl]; };
// zlib extra
var zle = function () { return [zlh, wbytes, adler]; };
// unzlib extra
var zule = function () { return [zls]; };
// post buf
var pbf = function (msg) { return postMessage(msg, [msg.buffer]); };
// get opts
var gopt = function (o) { return o && {
    out: o.size && new u8(o.size),
    dictionary: o.dictionary
}; };
// async helper
var cbify = function (dat, opts, fns, init, id, cb) {
    var w = wrkr(fns, init, id, function (err, dat) {
        w.terminate();
        cb(err, dat);
    });
    w.postMessage([dat, opts], opts.consume ? [dat.buffer] : []);
    return function () { w.terminate(); };
};
// auto stream
var astrm = function (strm) {
    strm.ondata = function (dat, final) { return postMessage([dat, final], [dat.buffer]); };
    return function (ev) {
        if (ev.data[0]) {
            strm.push(ev.data[0], ev.data[1]);
            postMessage([ev.data[0].length]);
        }
        else
            strm.flush(ev.data[1]);
    };
};
// async stream attach
var astrmify = function (fns, strm, opts, init, id, flush, ext) {
    var t;
    var w = wrkr(fns, init, id, function (err, dat) {
        if (err)
            w.terminate(), strm.ondata.call(strm, err);
        else if (!Array.isArray(dat))
            ext(dat);
        else if (dat.length == 1) {
            strm.queuedSize -= dat[0];
            if (strm.ondrain)
                strm.ondrain(dat[0]);
        }
        else {
            if (dat[1])
                w.terminate();
            strm.ondata.call(strm, err, dat[0], dat[1]);
        }
    });
    w.postMessage(opts);
    strm.queuedSize = 0;
    strm.push = function (d, f) {
        if (!strm.ondata)
            err(5);
        if (t)
            strm.ondata(err(4, 0, 1), null, !!f);
        strm.queuedSize += d.length;
        // can fail for cross-realm Uint8Array, but ok - only a small performance penalty
        w.postMessage([d, t = f], d.buffer instanceof ArrayBuffer ? [d.buffer] : []);
    };
    strm.terminate = function () { w.terminate(); };
    if (flush) {
        strm.flush = function (sync) { w.postMessage([0, sync]); };
    }
};
// read 2 bytes
var b2 = function (d, b) { return d[b] | (d[b + 1] << 8); };
// read 4 bytes
var b4 = function (d, b) { return (d[b] | (d[b + 1] << 8) | (d[b + 2] << 16) | (d[b + 3] << 24)) >>> 0; };
// read 8 bytes
var b8 = function (d, b) { return b4(d, b) + (b4(d, b + 4) * 4294967296); };
// write bytes
var wbytes = function (d, b, v) {
    for (; v; ++b)
        d[b] = v, v >>>= 8;
};
// gzip header
var gzh = function (c, o) {
    var fn = o.filename;
    c[0] = 31, c[1] = 139, c[2] = 8, c[8] = o.level < 2 ? 4 : o.level == 9 ? 2 : 0, c[9] = 3; // assume Unix
    if (o.mtime != 0)
        wbytes(c, 4, Math.floor(new Date(o.mtime || Date.now()) / 1000));
    if (fn) {
        c[3] = 8;
        for (var i = 0; i <= fn.length; ++i)
            c[i + 10] = fn.charCodeAt(i);
    }
};
// gzip footer: -8 to -4 = CRC, -4 to -0 is length
// gzip start
var gzs = function (d) {
    if (d[0] != 31 || d[1] != 139 || d[2] != 8)
        err(6, 'invalid gzip data');
    var flg = d[3];
    var st = 10;
    if (flg & 4)
        st += (d[10] | d[11] << 8) + 2;
    for (var zs = (flg >> 3 & 1) + (flg >> 4 & 1); zs > 0; zs -= !d[st++])
        ;
    return st + (flg & 2);
};
// gzip length
var gzl = function (d) {
    var l = d.length;
    return (d[l - 4] | d[l - 3] << 8 | d[l - 2] << 16 | d[l - 1] << 24) >>> 0;
};
// gzip header length
var gzhl = function (o) { return 10 + (o.filename ? o.filename.length + 1 : 0); };
// zlib header
var zlh = function (c, o) {
    var lv = o.level, fl = lv == 0 ? 0 : lv < 6 ? 1 : lv == 9 ? 3 : 2;
    c[0] = 120, c[1] = (fl << 6) | (o.dictionary && 32);
    c[1] |= 31 - ((c[0] << 8) | c[1]) % 31;
    if (o.dictionary) {
        var h = adler();
        h.p(o.dictionary);
        wbytes(c, 2, h.d());
    }
};
// zlib start
var zls = function (d, dict) {
    if ((d[0] & 15) != 8 || (d[0] >> 4) > 7 || ((d[0] << 8 | d[1]) % 31))
        err(6, 'invalid zlib data');
    if ((d[1] >> 5 & 1) == +!dict)
        err(6, 'invalid zlib data: ' + (d[1] & 32 ? 'need' : 'unexpected') + ' dictionary');
    return (d[1] >> 3 & 4) + 2;
};
function StrmOpt(opts, cb) {
    if (typeof opts == 'function')
        cb = opts, opts = {};
    this.ondata = cb;
    return opts;
}
/**
 * Streaming DEFLATE compression
 */
var Deflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Deflate(opts, cb) {
        if (typeof opts == 'function')
            cb = opts, opts = {};
        this.ondata = cb;
        this.o = opts || {};
        this.s = { l: 0, i: 32768, w: 32768, z: 32768 };
        // Buffer length must always be 0 mod 32768 for index calculations to be correct when modifying head and prev
        // 98304 = 32768 (lookback) + 65536 (common chunk size)
        this.b = new u8(98304);
        if (this.o.dictionary) {
            var dict = this.o.dictionary.subarray(-32768);
            this.b.set(dict, 32768 - dict.length);
            this.s.i = 32768 - dict.length;
        }
    }
    Deflate.prototype.p = function (c, f) {
        this.ondata(dopt(c, this.o, 0, 0, this.s), f);
    };
    /**
     * Pushes a chunk to be deflated
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Deflate.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        if (this.s.l)
            err(4);
        var endLen = chunk.length + this.s.z;
        if (endLen > this.b.length) {
            if (endLen > 2 * this.b.length - 32768) {
                var newBuf = new u8(endLen & -32768);
                newBuf.set(this.b.subarray(0, this.s.z));
                this.b = newBuf;
            }
            var split = this.b.length - this.s.z;
            this.b.set(chunk.subarray(0, split), this.s.z);
            this.s.z = this.b.length;
            this.p(this.b, false);
            this.b.set(this.b.subarray(-32768));
            this.b.set(chunk.subarray(split), 32768);
            this.s.z = chunk.length - split + 32768;
            this.s.i = 32766, this.s.w = 32768;
        }
        else {
            this.b.set(chunk, this.s.z);
            this.s.z += chunk.length;
        }
        this.s.l = final & 1;
        if (this.s.z > this.s.w + 8191 || final) {
            this.p(this.b, final || false);
            this.s.w = this.s.i, this.s.i -= 2;
        }
        if (final) {
            // cleanup unneeded buffers/state to reduce memory usage
            this.s = this.o = {};
            this.b = et;
        }
    };
    /**
     * Flushes buffered uncompressed data. Useful to immediately retrieve the
     * deflated output for small inputs.
     * @param sync Whether to flush to a byte boundary. A sync flush takes 4-5
     *             extra bytes, but guarantees all pushed data is immediately
     *             decompressible. A separate DEFLATE stream may be concatenated
     *             with the current output after a sync flush.
     */
    Deflate.prototype.flush = function (sync) {
        if (!this.ondata)
            err(5);
        if (this.s.l)
            err(4);
        this.p(this.b, false);
        this.s.w = this.s.i, this.s.i -= 2;
        // could technically skip writing the type-0 block for (this.s.r & 7) == 0,
        // but the deterministic trailer (00 00 FF FF) is useful in some situations
        if (sync) {
            var c = new u8(6);
            c[0] = this.s.r >> 3;
            // write empty, non-final type-0 block
            var ep = wfblk(c, this.s.r, et);
            this.s.r = 0;
            this.ondata(c.subarray(0, ep >> 3), false);
        }
    };
    return Deflate;
}())));

/**
 * Asynchronous streaming DEFLATE compression
 */
var AsyncDeflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncDeflate(opts, cb) {
        astrmify([
            bDflt,
            function () { return [astrm, Deflate]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Deflate(ev.data);
            onmessage = astrm(strm);
        }, 6, 1);
    }
    return AsyncDeflate;
}())));

function deflate(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bDflt,
    ], function (ev) { return pbf(deflateSync(ev.data[0], ev.data[1])); }, 0, cb);
}
/**
 * Compresses data with DEFLATE without any wrapper
 * @param data The data to compress
 * @param opts The compression options
 * @returns The deflated version of the data
 */
function deflateSync(data, opts) {
    return dopt(data, opts || {}, 0, 0);
}
/**
 * Streaming DEFLATE decompression
 */
var Inflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Inflate(opts, cb) {
        // no StrmOpt here to avoid adding to workerizer
        if (typeof opts == 'function')
            cb = opts, opts = {};
        this.ondata = cb;
        var dict = opts && opts.dictionary && opts.dictionary.subarray(-32768);
        this.s = { i: 0, b: dict ? dict.length : 0 };
        this.o = new u8(32768);
        this.p = new u8(0);
        if (dict)
            this.o.set(dict);
    }
    Inflate.prototype.e = function (c) {
        if (!this.ondata)
            err(5);
        if (this.d)
            err(4);
        if (!this.p.length)
            this.p = c;
        else if (c.length) {
            var n = new u8(this.p.length + c.length);
            n.set(this.p), n.set(c, this.p.length), this.p = n;
        }
    };
    Inflate.prototype.c = function (final) {
        this.s.i = +(this.d = final || false);
        var bts = this.s.b;
        var dt = inflt(this.p, this.s, this.o);
        this.ondata(slc(dt, bts, this.s.b), this.d);
        this.o = slc(dt, this.s.b - 32768), this.s.b = this.o.length;
        this.p = slc(this.p, (this.s.p / 8) | 0), this.s.p &= 7;
    };
    /**
     * Pushes a chunk to be inflated
     * @param chunk The chunk to push
     * @param final Whether this is the final chunk
     */
    Inflate.prototype.push = function (chunk, final) {
        this.e(chunk), this.c(final);
    };
    return Inflate;
}())));

/**
 * Asynchronous streaming DEFLATE decompression
 */
var AsyncInflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncInflate(opts, cb) {
        astrmify([
            bInflt,
            function () { return [astrm, Inflate]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Inflate(ev.data);
            onmessage = astrm(strm);
        }, 7, 0);
    }
    return AsyncInflate;
}())));

function inflate(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bInflt
    ], function (ev) { return pbf(inflateSync(ev.data[0], gopt(ev.data[1]))); }, 1, cb);
}
function inflateSync(data, opts) {
    return inflt(data, { i: 2 }, opts && opts.out, opts && opts.dictionary);
}
// before you yell at me for not just using extends, my reason is that TS inheritance is hard to workerize.
/**
 * Streaming GZIP compression
 */
var Gzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Gzip(opts, cb) {
        this.c = crc();
        this.l = 0;
        this.v = 1;
        Deflate.call(this, opts, cb);
    }
    /**
     * Pushes a chunk to be GZIPped
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Gzip.prototype.push = function (chunk, final) {
        this.c.p(chunk);
        this.l += chunk.length;
        Deflate.prototype.push.call(this, chunk, final);
    };
    Gzip.prototype.p = function (c, f) {
        var raw = dopt(c, this.o, this.v && gzhl(this.o), f && 8, this.s);
        if (this.v)
            gzh(raw, this.o), this.v = 0;
        if (f)
            wbytes(raw, raw.length - 8, this.c.d()), wbytes(raw, raw.length - 4, this.l);
        this.ondata(raw, f);
    };
    /**
     * Flushes buffered uncompressed data. Useful to immediately retrieve the
     * GZIPped output for small inputs.
     * @param sync Whether to flush to a byte boundary. A sync flush takes 4-5
     *             extra bytes, but guarantees all pushed data is immediately
     *             decompressible.
     */
    Gzip.prototype.flush = function (sync) {
        Deflate.prototype.flush.call(this, sync);
    };
    return Gzip;
}())));

/**
 * Asynchronous streaming GZIP compression
 */
var AsyncGzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncGzip(opts, cb) {
        astrmify([
            bDflt,
            gze,
            function () { return [astrm, Deflate, Gzip]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Gzip(ev.data);
            onmessage = astrm(strm);
        }, 8, 1);
    }
    return AsyncGzip;
}())));

function gzip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bDflt,
        gze,
        function () { return [gzipSync]; }
    ], function (ev) { return pbf(gzipSync(ev.data[0], ev.data[1])); }, 2, cb);
}
/**
 * Compresses data with GZIP
 * @param data The data to compress
 * @param opts The compression options
 * @returns The gzipped version of the data
 */
function gzipSync(data, opts) {
    if (!opts)
        opts = {};
    var c = crc(), l = data.length;
    c.p(data);
    var d = dopt(data, opts, gzhl(opts), 8), s = d.length;
    return gzh(d, opts), wbytes(d, s - 8, c.d()), wbytes(d, s - 4, l), d;
}
/**
 * Streaming single or multi-member GZIP decompression
 */
var Gunzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Gunzip(opts, cb) {
        this.v = 1;
        this.r = 0;
        Inflate.call(this, opts, cb);
    }
    /**
     * Pushes a chunk to be GUNZIPped
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Gunzip.prototype.push = function (chunk, final) {
        Inflate.prototype.e.call(this, chunk);
        this.r += chunk.length;
        if (this.v) {
            var p = this.p.subarray(this.v - 1);
            var s = p.length > 3 ? gzs(p) : 4;
            if (s > p.length) {
                if (!final)
                    return;
            }
            else if (this.v > 1 && this.onmember) {
                this.onmember(this.r - p.length);
            }
            this.p = p.subarray(s), this.v = 0;
        }
        // necessary to prevent TS from using the closure value
        // This allows for workerization to function correctly
        Inflate.prototype.c.call(this, 0);
        // process concatenated GZIP
        if (this.s.f && !this.s.l) {
            this.v = shft(this.s.p) + 9;
            this.s = { i: 0 };
            this.o = new u8(0);
            this.push(new u8(0), final);
        }
        else if (final) {
            Inflate.prototype.c.call(this, final);
        }
    };
    return Gunzip;
}())));

/**
 * Asynchronous streaming single or multi-member GZIP decompression
 */
var AsyncGunzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncGunzip(opts, cb) {
        var _this = this;
        astrmify([
            bInflt,
            guze,
            function () { return [astrm, Inflate, Gunzip]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Gunzip(ev.data);
            strm.onmember = function (offset) { return postMessage(offset); };
            onmessage = astrm(strm);
        }, 9, 0, function (offset) { return _this.onmember && _this.onmember(offset); });
    }
    return AsyncGunzip;
}())));

function gunzip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bInflt,
        guze,
        function () { return [gunzipSync]; }
    ], function (ev) { return pbf(gunzipSync(ev.data[0], ev.data[1])); }, 3, cb);
}
function gunzipSync(data, opts) {
    var st = gzs(data);
    if (st + 8 > data.length)
        err(6, 'invalid gzip data');
    return inflt(data.subarray(st, -8), { i: 2 }, opts && opts.out || new u8(gzl(data)), opts && opts.dictionary);
}
/**
 * Streaming Zlib compression
 */
var Zlib = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Zlib(opts, cb) {
        this.c = adler();
        this.v = 1;
        Deflate.call(this, opts, cb);
    }
    /**
     * Pushes a chunk to be zlibbed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Zlib.prototype.push = function (chunk, final) {
        this.c.p(chunk);
        Deflate.prototype.push.call(this, chunk, final);
    };
    Zlib.prototype.p = function (c, f) {
        var raw = dopt(c, this.o, this.v && (this.o.dictionary ? 6 : 2), f && 4, this.s);
        if (this.v)
            zlh(raw, this.o), this.v = 0;
        if (f)
            wbytes(raw, raw.length - 4, this.c.d());
        this.ondata(raw, f);
    };
    /**
     * Flushes buffered uncompressed data. Useful to immediately retrieve the
     * zlibbed output for small inputs.
     * @param sync Whether to flush to a byte boundary. A sync flush takes 4-5
     *             extra bytes, but guarantees all pushed data is immediately
     *             decompressible.
     */
    Zlib.prototype.flush = function (sync) {
        Deflate.prototype.flush.call(this, sync);
    };
    return Zlib;
}())));

/**
 * Asynchronous streaming Zlib compression
 */
var AsyncZlib = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncZlib(opts, cb) {
        astrmify([
            bDflt,
            zle,
            function () { return [astrm, Deflate, Zlib]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Zlib(ev.data);
            onmessage = astrm(strm);
        }, 10, 1);
    }
    return AsyncZlib;
}())));

function zlib(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bDflt,
        zle,
        function () { return [zlibSync]; }
    ], function (ev) { return pbf(zlibSync(ev.data[0], ev.data[1])); }, 4, cb);
}
/**
 * Compress data with Zlib
 * @param data The data to compress
 * @param opts The compression options
 * @returns The zlib-compressed version of the data
 */
function zlibSync(data, opts) {
    if (!opts)
        opts = {};
    var a = adler();
    a.p(data);
    var d = dopt(data, opts, opts.dictionary ? 6 : 2, 4);
    return zlh(d, opts), wbytes(d, d.length - 4, a.d()), d;
}
/**
 * Streaming Zlib decompression
 */
var Unzlib = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Unzlib(opts, cb) {
        Inflate.call(this, opts, cb);
        this.v = opts && opts.dictionary ? 2 : 1;
    }
    /**
     * Pushes a chunk to be unzlibbed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Unzlib.prototype.push = function (chunk, final) {
        Inflate.prototype.e.call(this, chunk);
        if (this.v) {
            if (this.p.length < 6 && !final)
                return;
            this.p = this.p.subarray(zls(this.p, this.v - 1)), this.v = 0;
        }
        if (final) {
            if (this.p.length < 4)
                err(6, 'invalid zlib data');
            this.p = this.p.subarray(0, -4);
        }
        // necessary to prevent TS from using the closure value
        // This allows for workerization to function correctly
        Inflate.prototype.c.call(this, final);
    };
    return Unzlib;
}())));

/**
 * Asynchronous streaming Zlib decompression
 */
var AsyncUnzlib = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncUnzlib(opts, cb) {
        astrmify([
            bInflt,
            zule,
            function () { return [astrm, Inflate, Unzlib]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Unzlib(ev.data);
            onmessage = astrm(strm);
        }, 11, 0);
    }
    return AsyncUnzlib;
}())));

function unzlib(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bInflt,
        zule,
        function () { return [unzlibSync]; }
    ], function (ev) { return pbf(unzlibSync(ev.data[0], gopt(ev.data[1]))); }, 5, cb);
}
function unzlibSync(data, opts) {
    return inflt(data.subarray(zls(data, opts && opts.dictionary), -4), { i: 2 }, opts && opts.out, opts && opts.dictionary);
}
// Default algorithm for compression (used because having a known output size allows faster decompression)


/**
 * Streaming GZIP, Zlib, or raw DEFLATE decompression
 */
var Decompress = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Decompress(opts, cb) {
        this.o = StrmOpt.call(this, opts, cb) || {};
        this.G = Gunzip;
        this.I = Inflate;
        this.Z = Unzlib;
    }
    // init substream
    // overriden by AsyncDecompress
    Decompress.prototype.i = function () {
        var _this = this;
        this.s.ondata = function (dat, final) {
            _this.ondata(dat, final);
        };
    };
    /**
     * Pushes a chunk to be decompressed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Decompress.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        if (!this.s) {
            if (this.p && this.p.length) {
                var n = new u8(this.p.length + chunk.length);
                n.set(this.p), n.set(chunk, this.p.length);
            }
            else
                this.p = chunk;
            if (this.p.length > 2) {
                this.s = (this.p[0] == 31 && this.p[1] == 139 && this.p[2] == 8)
                    ? new this.G(this.o)
                    : ((this.p[0] & 15) != 8 || (this.p[0] >> 4) > 7 || ((this.p[0] << 8 | this.p[1]) % 31))
                        ? new this.I(this.o)
                        : new this.Z(this.o);
                this.i();
                this.s.push(this.p, final);
                this.p = null;
            }
        }
        else
            this.s.push(chunk, final);
    };
    return Decompress;
}())));

/**
 * Asynchronous streaming GZIP, Zlib, or raw DEFLATE decompression
 */
var AsyncDecompress = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncDecompress(opts, cb) {
        Decompress.call(this, opts, cb);
        this.queuedSize = 0;
        this.G = AsyncGunzip;
        this.I = AsyncInflate;
        this.Z = AsyncUnzlib;
    }
    AsyncDecompress.prototype.i = function () {
        var _this = this;
        this.s.ondata = function (err, dat, final) {
            _this.ondata(err, dat, final);
        };
        this.s.ondrain = function (size) {
            _this.queuedSize -= size;
            if (_this.ondrain)
                _this.ondrain(size);
        };
    };
    /**
     * Pushes a chunk to be decompressed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    AsyncDecompress.prototype.push = function (chunk, final) {
        this.queuedSize += chunk.length;
        Decompress.prototype.push.call(this, chunk, final);
    };
    return AsyncDecompress;
}())));

function decompress(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return (data[0] == 31 && data[1] == 139 && data[2] == 8)
        ? gunzip(data, opts, cb)
        : ((data[0] & 15) != 8 || (data[0] >> 4) > 7 || ((data[0] << 8 | data[1]) % 31))
            ? inflate(data, opts, cb)
            : unzlib(data, opts, cb);
}
/**
 * Expands compressed GZIP, Zlib, or raw DEFLATE data, automatically detecting the format
 * @param data The data to decompress
 * @param opts The decompression options
 * @returns The decompressed version of the data
 */
function decompressSync(data, opts) {
    return (data[0] == 31 && data[1] == 139 && data[2] == 8)
        ? gunzipSync(data, opts)
        : ((data[0] & 15) != 8 || (data[0] >> 4) > 7 || ((data[0] << 8 | data[1]) % 31))
            ? inflateSync(data, opts)
            : unzlibSync(data, opts);
}
// flatten a directory structure
var fltn = function (d, p, t, o) {
    for (var k in d) {
        var val = d[k], n = p + k, op = o;
        if (Array.isArray(val))
            op = mrg(o, val[1]), val = val[0];
        if (ArrayBuffer.isView(val))
            t[n] = [val, op];
        else {
            t[n += '/'] = [new u8(0), op];
            fltn(val, n, t, o);
        }
    }
};
// text encoder
var te = typeof TextEncoder != 'undefined' && /*#__PURE__*/ new TextEncoder();
// text decoder
var td = typeof TextDecoder != 'undefined' && /*#__PURE__*/ new TextDecoder();
// text decoder stream
var tds = 0;
try {
    td.decode(et, { stream: true });
    tds = 1;
}
catch (e) { }
// decode UTF8
var dutf8 = function (d) {
    for (var r = '', i = 0;;) {
        var c = d[i++];
        var eb = (c > 127) + (c > 223) + (c > 239);
        if (i + eb > d.length)
            return { s: r, r: slc(d, i - 1) };
        if (!eb)
            r += String.fromCharCode(c);
        else if (eb == 3) {
            c = ((c & 15) << 18 | (d[i++] & 63) << 12 | (d[i++] & 63) << 6 | (d[i++] & 63)) - 65536,
                r += String.fromCharCode(55296 | (c >> 10), 56320 | (c & 1023));
        }
        else if (eb & 1)
            r += String.fromCharCode((c & 31) << 6 | (d[i++] & 63));
        else
            r += String.fromCharCode((c & 15) << 12 | (d[i++] & 63) << 6 | (d[i++] & 63));
    }
};
/**
 * Streaming UTF-8 decoding
 */
var DecodeUTF8 = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a UTF-8 decoding stream
     * @param cb The callback to call whenever data is decoded
     */
    function DecodeUTF8(cb) {
        this.ondata = cb;
        if (tds)
            this.t = new TextDecoder();
        else
            this.p = et;
    }
    /**
     * Pushes a chunk to be decoded from UTF-8 binary
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    DecodeUTF8.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        final = !!final;
        if (this.t) {
            this.ondata(this.t.decode(chunk, { stream: true }), final);
            if (final) {
                if (this.t.decode().length)
                    err(8);
                this.t = null;
            }
            return;
        }
        if (!this.p)
            err(4);
        var dat = new u8(this.p.length + chunk.length);
        dat.set(this.p);
        dat.set(chunk, this.p.length);
        var _a = dutf8(dat), s = _a.s, r = _a.r;
        if (final) {
            if (r.length)
                err(8);
            this.p = null;
        }
        else
            this.p = r;
        this.ondata(s, final);
    };
    return DecodeUTF8;
}())));

/**
 * Streaming UTF-8 encoding
 */
var EncodeUTF8 = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a UTF-8 decoding stream
     * @param cb The callback to call whenever data is encoded
     */
    function EncodeUTF8(cb) {
        this.ondata = cb;
    }
    /**
     * Pushes a chunk to be encoded to UTF-8
     * @param chunk The string data to push
     * @param final Whether this is the last chunk
     */
    EncodeUTF8.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        if (this.d)
            err(4);
        this.ondata(strToU8(chunk), this.d = final || false);
    };
    return EncodeUTF8;
}())));

/**
 * Converts a string into a Uint8Array for use with compression/decompression methods
 * @param str The string to encode
 * @param latin1 Whether or not to interpret the data as Latin-1. This should
 *               not need to be true unless decoding a binary string.
 * @returns The string encoded in UTF-8/Latin-1 binary
 */
function strToU8(str, latin1) {
    if (latin1) {
        var ar_1 = new u8(str.length);
        for (var i = 0; i < str.length; ++i)
            ar_1[i] = str.charCodeAt(i);
        return ar_1;
    }
    if (te)
        return te.encode(str);
    var l = str.length;
    var ar = new u8(str.length + (str.length >> 1));
    var ai = 0;
    var w = function (v) { ar[ai++] = v; };
    for (var i = 0; i < l; ++i) {
        if (ai + 5 > ar.length) {
            var n = new u8(ai + 8 + ((l - i) << 1));
            n.set(ar);
            ar = n;
        }
        var c = str.charCodeAt(i);
        if (c < 128 || latin1)
            w(c);
        else if (c < 2048)
            w(192 | (c >> 6)), w(128 | (c & 63));
        else if (c > 55295 && c < 57344)
            c = 65536 + (c & 1023 << 10) | (str.charCodeAt(++i) & 1023),
                w(240 | (c >> 18)), w(128 | ((c >> 12) & 63)), w(128 | ((c >> 6) & 63)), w(128 | (c & 63));
        else
            w(224 | (c >> 12)), w(128 | ((c >> 6) & 63)), w(128 | (c & 63));
    }
    return slc(ar, 0, ai);
}
/**
 * Converts a Uint8Array to a string
 * @param dat The data to decode to string
 * @param latin1 Whether or not to interpret the data as Latin-1. This should
 *               not need to be true unless encoding to binary string.
 * @returns The original UTF-8/Latin-1 string
 */
function strFromU8(dat, latin1) {
    if (latin1) {
        var r = '';
        for (var i = 0; i < dat.length; i += 16384)
            r += String.fromCharCode.apply(null, dat.subarray(i, i + 16384));
        return r;
    }
    else if (td) {
        return td.decode(dat);
    }
    else {
        var _a = dutf8(dat), s = _a.s, r = _a.r;
        if (r.length)
            err(8);
        return s;
    }
}
;
// deflate bit flag
var dbf = function (l) { return l == 1 ? 3 : l < 6 ? 2 : l == 9 ? 1 : 0; };
// skip local zip header
var slzh = function (d, b) { return b + 30 + b2(d, b + 26) + b2(d, b + 28); };
// read zip header
var zh = function (d, b, z) {
    var fnl = b2(d, b + 28), efl = b2(d, b + 30), fn = strFromU8(d.subarray(b + 46, b + 46 + fnl), !(b2(d, b + 8) & 2048)), es = b + 46 + fnl;
    var _a = z64hs(d, es, efl, z, b4(d, b + 20), b4(d, b + 24), b4(d, b + 42)), sc = _a[0], su = _a[1], off = _a[2];
    return [b2(d, b + 10), sc, su, fn, es + efl + b2(d, b + 32), off];
};
// read zip64 header sizes
var z64hs = function (d, b, l, z, sc, su, off) {
    var nsc = sc == 4294967295, nsu = su == 4294967295, noff = off == 4294967295, e = b + l;
    var nf = nsc + nsu + noff;
    if (z && nf) {
        for (; b + 4 < e; b += 4 + b2(d, b + 2)) {
            if (b2(d, b) == 1) {
                return [
                    nsc ? b8(d, b + 4 + 8 * nsu) : sc,
                    nsu ? b8(d, b + 4) : su,
                    noff ? b8(d, b + 4 + 8 * (nsu + nsc)) : off,
                    1
                ];
            }
        }
        // z == 2 for unknown whether or not zip64
        if (z < 2)
            err(13);
    }
    return [sc, su, off, 0];
};
// extra field length
var exfl = function (ex) {
    var le = 0;
    if (ex) {
        for (var k in ex) {
            var l = ex[k].length;
            if (l > 65535)
                err(9);
            le += l + 4;
        }
    }
    return le;
};
// write zip header
var wzh = function (d, b, f, fn, u, c, ce, co) {
    var fl = fn.length, ex = f.extra, col = co && co.length;
    var exl = exfl(ex);
    wbytes(d, b, ce != null ? 0x2014B50 : 0x4034B50), b += 4;
    if (ce != null)
        d[b++] = 20, d[b++] = f.os;
    d[b] = 20, b += 2; // spec compliance? what's that?
    d[b++] = (f.flag << 1) | (c < 0 && 8), d[b++] = u && 8;
    d[b++] = f.compression & 255, d[b++] = f.compression >> 8;
    var dt = new Date(f.mtime == null ? Date.now() : f.mtime), y = dt.getFullYear() - 1980;
    if (y < 0 || y > 119)
        err(10);
    wbytes(d, b, (y << 25) | ((dt.getMonth() + 1) << 21) | (dt.getDate() << 16) | (dt.getHours() << 11) | (dt.getMinutes() << 5) | (dt.getSeconds() >> 1)), b += 4;
    if (c != -1) {
        wbytes(d, b, f.crc);
        wbytes(d, b + 4, c < 0 ? -c - 2 : c);
        wbytes(d, b + 8, f.size);
    }
    wbytes(d, b + 12, fl);
    wbytes(d, b + 14, exl), b += 16;
    if (ce != null) {
        wbytes(d, b, col);
        wbytes(d, b + 6, f.attrs);
        wbytes(d, b + 10, ce), b += 14;
    }
    d.set(fn, b);
    b += fl;
    if (exl) {
        for (var k in ex) {
            var exf = ex[k], l = exf.length;
            wbytes(d, b, +k);
            wbytes(d, b + 2, l);
            d.set(exf, b + 4), b += 4 + l;
        }
    }
    if (col)
        d.set(co, b), b += col;
    return b;
};
// write zip footer (end of central directory)
var wzf = function (o, b, c, d, e) {
    wbytes(o, b, 0x6054B50); // skip disk
    wbytes(o, b + 8, c);
    wbytes(o, b + 10, c);
    wbytes(o, b + 12, d);
    wbytes(o, b + 16, e);
};
/**
 * A pass-through stream to keep data uncompressed in a ZIP archive.
 */
var ZipPassThrough = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a pass-through stream that can be added to ZIP archives
     * @param filename The filename to associate with this data stream
     */
    function ZipPassThrough(filename) {
        this.filename = filename;
        this.c = crc();
        this.size = 0;
        this.compression = 0;
    }
    /**
     * Processes a chunk and pushes to the output stream. You can override this
     * method in a subclass for custom behavior, but by default this passes
     * the data through. You must call this.ondata(err, chunk, final) at some
     * point in this method.
     * @param chunk The chunk to process
     * @param final Whether this is the last chunk
     */
    ZipPassThrough.prototype.process = function (chunk, final) {
        this.ondata(null, chunk, final);
    };
    /**
     * Pushes a chunk to be added. If you are subclassing this with a custom
     * compression algorithm, note that you must push data from the source
     * file only, pre-compression.
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    ZipPassThrough.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        this.c.p(chunk);
        this.size += chunk.length;
        if (final)
            this.crc = this.c.d();
        // we shouldn't really do this cast, but properly handling ArrayBufferLike
        // makes the API unergonomic with Buffer
        this.process(chunk, final || false);
    };
    return ZipPassThrough;
}())));

// I don't extend because TypeScript extension adds 1kB of runtime bloat
/**
 * Streaming DEFLATE compression for ZIP archives. Prefer using AsyncZipDeflate
 * for better performance
 */
var ZipDeflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a DEFLATE stream that can be added to ZIP archives
     * @param filename The filename to associate with this data stream
     * @param opts The compression options
     */
    function ZipDeflate(filename, opts) {
        var _this = this;
        if (!opts)
            opts = {};
        ZipPassThrough.call(this, filename);
        this.d = new Deflate(opts, function (dat, final) {
            _this.ondata(null, dat, final);
        });
        this.compression = 8;
        this.flag = dbf(opts.level);
    }
    ZipDeflate.prototype.process = function (chunk, final) {
        try {
            this.d.push(chunk, final);
        }
        catch (e) {
            this.ondata(e, null, final);
        }
    };
    /**
     * Pushes a chunk to be deflated
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    ZipDeflate.prototype.push = function (chunk, final) {
        ZipPassThrough.prototype.push.call(this, chunk, final);
    };
    return ZipDeflate;
}())));

/**
 * Asynchronous streaming DEFLATE compression for ZIP archives
 */
var AsyncZipDeflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates an asynchronous DEFLATE stream that can be added to ZIP archives
     * @param filename The filename to associate with this data stream
     * @param opts The compression options
     */
    function AsyncZipDeflate(filename, opts) {
        var _this = this;
        if (!opts)
            opts = {};
        ZipPassThrough.call(this, filename);
        this.d = new AsyncDeflate(opts, function (err, dat, final) {
            _this.ondata(err, dat, final);
        });
        this.compression = 8;
        this.flag = dbf(opts.level);
        this.terminate = this.d.terminate;
    }
    AsyncZipDeflate.prototype.process = function (chunk, final) {
        this.d.push(chunk, final);
    };
    /**
     * Pushes a chunk to be deflated
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    AsyncZipDeflate.prototype.push = function (chunk, final) {
        ZipPassThrough.prototype.push.call(this, chunk, final);
    };
    return AsyncZipDeflate;
}())));

// TODO: Better tree shaking
/**
 * A zippable archive to which files can incrementally be added
 */
var Zip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates an empty ZIP archive to which files can be added
     * @param cb The callback to call whenever data for the generated ZIP archive
     *           is available
     */
    function Zip(cb) {
        this.ondata = cb;
        this.u = [];
        this.d = 1;
    }
    /**
     * Adds a file to the ZIP archive
     * @param file The file stream to add
     */
    Zip.prototype.add = function (file) {
        var _this = this;
        if (!this.ondata)
            err(5);
        // finishing or finished
        if (this.d & 2)
            this.ondata(err(4 + (this.d & 1) * 8, 0, 1), null, false);
        else {
            var f = strToU8(file.filename), fl_1 = f.length;
            var com = file.comment, o = com && strToU8(com);
            var u = fl_1 != file.filename.length || (o && (com.length != o.length));
            var hl_1 = fl_1 + exfl(file.extra) + 30;
            if (fl_1 > 65535)
                this.ondata(err(11, 0, 1), null, false);
            var header = new u8(hl_1);
            wzh(header, 0, file, f, u, -1);
            var chks_1 = [header];
            var pAll_1 = function () {
                for (var _i = 0, chks_2 = chks_1; _i < chks_2.length; _i++) {
                    var chk = chks_2[_i];
                    _this.ondata(null, chk, false);
                }
                chks_1 = [];
            };
            var tr_1 = this.d;
            this.d = 0;
            var ind_1 = this.u.length;
            var uf_1 = mrg(file, {
                f: f,
                u: u,
                o: o,
                t: function () {
                    if (file.terminate)
                        file.terminate();
                },
                r: function () {
                    pAll_1();
                    if (tr_1) {
                        var nxt = _this.u[ind_1 + 1];
                        if (nxt)
                            nxt.r();
                        else
                            _this.d = 1;
                    }
                    tr_1 = 1;
                }
            });
            var cl_1 = 0;
            file.ondata = function (err, dat, final) {
                if (err) {
                    _this.ondata(err, dat, final);
                    _this.terminate();
                }
                else {
                    cl_1 += dat.length;
                    chks_1.push(dat);
                    if (final) {
                        var dd = new u8(16);
                        wbytes(dd, 0, 0x8074B50);
                        wbytes(dd, 4, file.crc);
                        wbytes(dd, 8, cl_1);
                        wbytes(dd, 12, file.size);
                        chks_1.push(dd);
                        uf_1.c = cl_1, uf_1.b = hl_1 + cl_1 + 16, uf_1.crc = file.crc, uf_1.size = file.size;
                        if (tr_1)
                            uf_1.r();
                        tr_1 = 1;
                    }
                    else if (tr_1)
                        pAll_1();
                }
            };
            this.u.push(uf_1);
        }
    };
    /**
     * Ends the process of adding files and prepares to emit the final chunks.
     * This *must* be called after adding all desired files for the resulting
     * ZIP file to work properly.
     */
    Zip.prototype.end = function () {
        var _this = this;
        if (this.d & 2) {
            this.ondata(err(4 + (this.d & 1) * 8, 0, 1), null, true);
            return;
        }
        if (this.d)
            this.e();
        else
            this.u.push({
                r: function () {
                    if (!(_this.d & 1))
                        return;
                    _this.u.splice(-1, 1);
                    _this.e();
                },
                t: function () { }
            });
        this.d = 3;
    };
    Zip.prototype.e = function () {
        var bt = 0, l = 0, tl = 0;
        for (var _i = 0, _a = this.u; _i < _a.length; _i++) {
            var f = _a[_i];
            tl += 46 + f.f.length + exfl(f.extra) + (f.o ? f.o.length : 0);
        }
        var out = new u8(tl + 22);
        for (var _b = 0, _c = this.u; _b < _c.length; _b++) {
            var f = _c[_b];
            wzh(out, bt, f, f.f, f.u, -f.c - 2, l, f.o);
            bt += 46 + f.f.length + exfl(f.extra) + (f.o ? f.o.length : 0), l += f.b;
        }
        wzf(out, bt, this.u.length, tl, l);
        this.ondata(null, out, true);
        this.d = 2;
    };
    /**
     * A method to terminate any internal workers used by the stream. Subsequent
     * calls to add() will fail.
     */
    Zip.prototype.terminate = function () {
        for (var _i = 0, _a = this.u; _i < _a.length; _i++) {
            var f = _a[_i];
            f.t();
        }
        this.d = 2;
    };
    return Zip;
}())));

function zip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    var r = {};
    fltn(data, '', r, opts);
    var k = Object.keys(r);
    var lft = k.length, o = 0, tot = 0;
    var slft = lft, files = new Array(lft);
    var term = [];
    var tAll = function () {
        for (var i = 0; i < term.length; ++i)
            term[i]();
    };
    var cbd = function (a, b) {
        mt(function () { cb(a, b); });
    };
    mt(function () { cbd = cb; });
    var cbf = function () {
        var out = new u8(tot + 22), oe = o, cdl = tot - o;
        tot = 0;
        for (var i = 0; i < slft; ++i) {
            var f = files[i];
            try {
                var l = f.c.length;
                wzh(out, tot, f, f.f, f.u, l);
                var badd = 30 + f.f.length + exfl(f.extra);
                var loc = tot + badd;
                out.set(f.c, loc);
                wzh(out, o, f, f.f, f.u, l, tot, f.m), o += 16 + badd + (f.m ? f.m.length : 0), tot = loc + l;
            }
            catch (e) {
                return cbd(e, null);
            }
        }
        wzf(out, o, files.length, cdl, oe);
        cbd(null, out);
    };
    if (!lft)
        cbf();
    var _loop_1 = function (i) {
        var fn = k[i];
        var _a = r[fn], file = _a[0], p = _a[1];
        var c = crc(), size = file.length;
        c.p(file);
        var f = strToU8(fn), s = f.length;
        var com = p.comment, m = com && strToU8(com), ms = m && m.length;
        var exl = exfl(p.extra);
        var compression = p.level == 0 ? 0 : 8;
        var cbl = function (e, d) {
            if (e) {
                tAll();
                cbd(e, null);
            }
            else {
                var l = d.length;
                files[i] = mrg(p, {
                    size: size,
                    crc: c.d(),
                    c: d,
                    f: f,
                    m: m,
                    u: s != fn.length || (m && (com.length != ms)),
                    compression: compression
                });
                o += 30 + s + exl + l;
                tot += 76 + 2 * (s + exl) + (ms || 0) + l;
                if (!--lft)
                    cbf();
            }
        };
        if (s > 65535)
            cbl(err(11, 0, 1), null);
        if (!compression)
            cbl(null, file);
        else if (size < 160000) {
            try {
                cbl(null, deflateSync(file, p));
            }
            catch (e) {
                cbl(e, null);
            }
        }
        else
            term.push(deflate(file, p, cbl));
    };
    // Cannot use lft because it can decrease
    for (var i = 0; i < slft; ++i) {
        _loop_1(i);
    }
    return tAll;
}
/**
 * Synchronously creates a ZIP file. Prefer using `zip` for better performance
 * with more than one file.
 * @param data The directory structure for the ZIP archive
 * @param opts The main options, merged with per-file options
 * @returns The generated ZIP archive
 */
function zipSync(data, opts) {
    if (!opts)
        opts = {};
    var r = {};
    var files = [];
    fltn(data, '', r, opts);
    var o = 0;
    var tot = 0;
    for (var fn in r) {
        var _a = r[fn], file = _a[0], p = _a[1];
        var compression = p.level == 0 ? 0 : 8;
        var f = strToU8(fn), s = f.length;
        var com = p.comment, m = com && strToU8(com), ms = m && m.length;
        var exl = exfl(p.extra);
        if (s > 65535)
            err(11);
        var d = compression ? deflateSync(file, p) : file, l = d.length;
        var c = crc();
        c.p(file);
        files.push(mrg(p, {
            size: file.length,
            crc: c.d(),
            c: d,
            f: f,
            m: m,
            u: s != fn.length || (m && (com.length != ms)),
            o: o,
            compression: compression
        }));
        o += 30 + s + exl + l;
        tot += 76 + 2 * (s + exl) + (ms || 0) + l;
    }
    var out = new u8(tot + 22), oe = o, cdl = tot - o;
    for (var i = 0; i < files.length; ++i) {
        var f = files[i];
        wzh(out, f.o, f, f.f, f.u, f.c.length);
        var badd = 30 + f.f.length + exfl(f.extra);
        out.set(f.c, f.o + badd);
        wzh(out, o, f, f.f, f.u, f.c.length, f.o, f.m), o += 16 + badd + (f.m ? f.m.length : 0);
    }
    wzf(out, o, files.length, cdl, oe);
    return out;
}
/**
 * Streaming pass-through decompression for ZIP archives
 */
var UnzipPassThrough = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function UnzipPassThrough() {
    }
    UnzipPassThrough.prototype.push = function (chunk, final) {
        // same as ZipPassThrough: cast to retain Buffer ergonomics
        this.ondata(null, chunk, final);
    };
    UnzipPassThrough.compression = 0;
    return UnzipPassThrough;
}())));

/**
 * Streaming DEFLATE decompression for ZIP archives. Prefer AsyncZipInflate for
 * better performance.
 */
var UnzipInflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a DEFLATE decompression that can be used in ZIP archives
     */
    function UnzipInflate() {
        var _this = this;
        this.i = new Inflate(function (dat, final) {
            _this.ondata(null, dat, final);
        });
    }
    UnzipInflate.prototype.push = function (chunk, final) {
        try {
            this.i.push(chunk, final);
        }
        catch (e) {
            this.ondata(e, null, final);
        }
    };
    UnzipInflate.compression = 8;
    return UnzipInflate;
}())));

/**
 * Asynchronous streaming DEFLATE decompression for ZIP archives
 */
var AsyncUnzipInflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a DEFLATE decompression that can be used in ZIP archives
     */
    function AsyncUnzipInflate(_, sz) {
        var _this = this;
        if (sz < 320000) {
            this.i = new Inflate(function (dat, final) {
                _this.ondata(null, dat, final);
            });
        }
        else {
            this.i = new AsyncInflate(function (err, dat, final) {
                _this.ondata(err, dat, final);
            });
            this.terminate = this.i.terminate;
        }
    }
    AsyncUnzipInflate.prototype.push = function (chunk, final) {
        if (this.i.terminate)
            chunk = slc(chunk, 0);
        this.i.push(chunk, final);
    };
    AsyncUnzipInflate.compression = 8;
    return AsyncUnzipInflate;
}())));

/**
 * A ZIP archive decompression stream that emits files as they are discovered
 */
var Unzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a ZIP decompression stream
     * @param cb The callback to call whenever a file in the ZIP archive is found
     */
    function Unzip(cb) {
        this.onfile = cb;
        this.k = [];
        this.o = {
            0: UnzipPassThrough
        };
        this.p = et;
    }
    /**
     * Pushes a chunk to be unzipped
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Unzip.prototype.push = function (chunk, final) {
        var _this = this;
        if (!this.onfile)
            err(5);
        if (!this.p)
            err(4);
        if (this.c > 0) {
            var len = Math.min(this.c, chunk.length);
            var toAdd = chunk.subarray(0, len);
            this.c -= len;
            if (this.d)
                this.d.push(toAdd, !this.c);
            else
                this.k[0].push(toAdd);
            chunk = chunk.subarray(len);
            if (chunk.length)
                return this.push(chunk, final);
        }
        else {
            var f = 0, i = 0, is = void 0, buf = void 0;
            if (!this.p.length)
                buf = chunk;
            else if (!chunk.length)
                buf = this.p;
            else {
                buf = new u8(this.p.length + chunk.length);
                buf.set(this.p), buf.set(chunk, this.p.length);
            }
            var l = buf.length, oc = this.c, add = oc && this.d;
            var _loop_2 = function () {
                var sig = b4(buf, i);
                if (sig == 0x4034B50) {
                    f = 1, is = i;
                    this_1.d = null;
                    this_1.c = 0;
                    var bf = b2(buf, i + 6), cmp_1 = b2(buf, i + 8), u = bf & 2048, dd = bf & 8, fnl = b2(buf, i + 26), es = b2(buf, i + 28);
                    if (l > i + 30 + fnl + es) {
                        var chks_3 = [];
                        this_1.k.unshift(chks_3);
                        f = 2;
                        var lsc = b4(buf, i + 18), lsu = b4(buf, i + 22);
                        var fn_1 = strFromU8(buf.subarray(i + 30, i += 30 + fnl), !u);
                        var _a = z64hs(buf, i, es, 2, lsc, lsu, 0), sc_1 = _a[0], su_1 = _a[1], z64 = _a[3];
                        if (dd)
                            sc_1 = -1 - z64;
                        i += es;
                        this_1.c = sc_1;
                        var d_1;
                        var file_1 = {
                            name: fn_1,
                            compression: cmp_1,
                            start: function () {
                                if (!file_1.ondata)
                                    err(5);
                                if (!sc_1)
                                    file_1.ondata(null, et, true);
                                else {
                                    var ctr = _this.o[cmp_1];
                                    if (!ctr)
                                        file_1.ondata(err(14, 'unknown compression type ' + cmp_1, 1), null, false);
                                    d_1 = sc_1 < 0 ? new ctr(fn_1) : new ctr(fn_1, sc_1, su_1);
                                    d_1.ondata = function (err, dat, final) { file_1.ondata(err, dat, final); };
                                    for (var _i = 0, chks_4 = chks_3; _i < chks_4.length; _i++) {
                                        var dat = chks_4[_i];
                                        d_1.push(dat, false);
                                    }
                                    if (_this.k[0] == chks_3 && _this.c)
                                        _this.d = d_1;
                                    else
                                        d_1.push(et, true);
                                }
                            },
                            terminate: function () {
                                if (d_1 && d_1.terminate)
                                    d_1.terminate();
                            }
                        };
                        if (sc_1 >= 0)
                            file_1.size = sc_1, file_1.originalSize = su_1;
                        this_1.onfile(file_1);
                    }
                    return "break";
                }
                else if (oc) {
                    if (sig == 0x8074B50) {
                        is = i += 12 + (oc == -2 && 8), f = 3, this_1.c = 0;
                        return "break";
                    }
                    else if (sig == 0x2014B50) {
                        is = i -= 4, f = 3, this_1.c = 0;
                        return "break";
                    }
                }
            };
            var this_1 = this;
            for (; i < l - 4; ++i) {
                var state_1 = _loop_2();
                if (state_1 === "break")
                    break;
            }
            this.p = et;
            if (oc < 0) {
                var dat = f ? buf.subarray(0, is - 12 - (oc == -2 && 8) - (b4(buf, is - 16) == 0x8074B50 && 4)) : buf.subarray(0, i);
                if (add)
                    add.push(dat, !!f);
                else
                    this.k[+(f == 2)].push(dat);
            }
            if (f & 2)
                return this.push(buf.subarray(i), final);
            this.p = buf.subarray(i);
        }
        if (final) {
            if (this.c)
                err(13);
            this.p = null;
        }
    };
    /**
     * Registers a decoder with the stream, allowing for files compressed with
     * the compression type provided to be expanded correctly
     * @param decoder The decoder constructor
     */
    Unzip.prototype.register = function (decoder) {
        this.o[decoder.compression] = decoder;
    };
    return Unzip;
}())));

var mt = typeof queueMicrotask == 'function' ? queueMicrotask : typeof setTimeout == 'function' ? setTimeout : function (fn) { fn(); };
function unzip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    var term = [];
    var tAll = function () {
        for (var i = 0; i < term.length; ++i)
            term[i]();
    };
    var files = {};
    var cbd = function (a, b) {
        mt(function () { cb(a, b); });
    };
    mt(function () { cbd = cb; });
    var e = data.length - 22;
    for (; b4(data, e) != 0x6054B50; --e) {
        if (!e || data.length - e > 65558) {
            cbd(err(13, 0, 1), null);
            return tAll;
        }
    }
    ;
    var lft = b2(data, e + 8);
    if (lft) {
        var c = lft;
        var o = b4(data, e + 16);
        var z = b4(data, e - 20) == 0x7064B50;
        if (z) {
            var ze = b4(data, e - 12);
            z = b4(data, ze) == 0x6064B50;
            if (z) {
                c = lft = b4(data, ze + 32);
                o = b4(data, ze + 48);
            }
        }
        var fltr = opts && opts.filter;
        var _loop_3 = function (i) {
            var _a = zh(data, o, z), c_1 = _a[0], sc = _a[1], su = _a[2], fn = _a[3], no = _a[4], off = _a[5], b = slzh(data, off);
            o = no;
            var cbl = function (e, d) {
                if (e) {
                    tAll();
                    cbd(e, null);
                }
                else {
                    if (d)
                        files[fn] = d;
                    if (!--lft)
                        cbd(null, files);
                }
            };
            if (!fltr || fltr({
                name: fn,
                size: sc,
                originalSize: su,
                compression: c_1
            })) {
                if (!c_1)
                    cbl(null, slc(data, b, b + sc));
                else if (c_1 == 8) {
                    var infl = data.subarray(b, b + sc);
                    // Synchronously decompress under 512KB, or barely-compressed data
                    if (su < 524288 || sc > 0.8 * su) {
                        try {
                            cbl(null, inflateSync(infl, { out: new u8(su) }));
                        }
                        catch (e) {
                            cbl(e, null);
                        }
                    }
                    else
                        term.push(inflate(infl, { size: su }, cbl));
                }
                else
                    cbl(err(14, 'unknown compression type ' + c_1, 1), null);
            }
            else
                cbl(null, null);
        };
        for (var i = 0; i < c; ++i) {
            _loop_3(i);
        }
    }
    else
        cbd(null, {});
    return tAll;
}
/**
 * Synchronously decompresses a ZIP archive. Prefer using `unzip` for better
 * performance with more than one file.
 * @param data The raw compressed ZIP file
 * @param opts The ZIP extraction options
 * @returns The decompressed files
 */
function unzipSync(data, opts) {
    var files = {};
    var e = data.length - 22;
    for (; b4(data, e) != 0x6054B50; --e) {
        if (!e || data.length - e > 65558)
            err(13);
    }
    ;
    var c = b2(data, e + 8);
    if (!c)
        return {};
    var o = b4(data, e + 16);
    var z = b4(data, e - 20) == 0x7064B50;
    if (z) {
        var ze = b4(data, e - 12);
        z = b4(data, ze) == 0x6064B50;
        if (z) {
            c = b4(data, ze + 32);
            o = b4(data, ze + 48);
        }
    }
    var fltr = opts && opts.filter;
    for (var i = 0; i < c; ++i) {
        var _a = zh(data, o, z), c_2 = _a[0], sc = _a[1], su = _a[2], fn = _a[3], no = _a[4], off = _a[5], b = slzh(data, off);
        o = no;
        if (!fltr || fltr({
            name: fn,
            size: sc,
            originalSize: su,
            compression: c_2
        })) {
            if (!c_2)
                files[fn] = slc(data, b, b + sc);
            else if (c_2 == 8)
                files[fn] = inflateSync(data.subarray(b, b + sc), { out: new u8(su) });
            else
                err(14, 'unknown compression type ' + c_2);
        }
    }
    return files;
}

;// CONCATENATED MODULE: ../../packages/ledger/src/record.ts
// The per-person ledger record (design.md "The ledger record"). It is the one place personal data is kept
// between runs, so workflow_dispatch reruns need nobody to retype it: the state it lives in must be private.

function emptyRecord(employeeId) {
    return { employee_id: employeeId, status: 'new', ids: {}, steps: {}, notified: {} };
}
/** Keeps the newest details HR sent for the person: what each step's rerun of the event needs nobody to retype. */
function keepPersonDetails(r, event) {
    const person = { ...r.person };
    if (event.name)
        person.name = event.name;
    if (event.email)
        person.email = event.email;
    if (event.managerEmail)
        person.manager_email = event.managerEmail;
    if (event.startDate)
        person.start_date = event.startDate;
    if (event.personalEmail)
        person.personal_email = event.personalEmail;
    if (event.githubUsername)
        person.github_username = event.githubUsername;
    r.person = person;
}
/** The ledger's entry for an event: its identity, role and dates (what a rerun of it needs besides the person). */
function ledgerEvent(event) {
    return {
        event_id: event.eventId,
        type: event.type,
        occurred_at: event.occurredAt,
        ...(event.role ? { role: event.role } : {}),
        ...(event.startDate ? { start_date: event.startDate } : {}),
        ...(event.lastDay ? { last_day: event.lastDay } : {}),
        ...(event.lastHour !== undefined ? { last_hour: event.lastHour } : {}),
        ...(event.urgent ? { urgent: true } : {}),
    };
}
/** The newest event a step recorded: the last applied one, or a newer one a step failed for. */
function newestRecorded(record) {
    const { last_event: last, unapplied_event: next } = record;
    if (!next)
        return last;
    return last && (0,src/* isNewer */.U4)(last.occurred_at, next.occurred_at) ? last : next;
}

;// CONCATENATED MODULE: ../../packages/ledger/src/pending.ts
// What a drain asks of a person's record: which HR events it already holds, and whether any step has work for
// its newest event. The same answers are kept in the ledger's index (GithubStore), beside the records and in the
// same commit, so a drain reads only the records that have work instead of every person its intents name.


/** The steps of lifecycle.yml, in order. */
const STEP_NAMES = ['identity', 'github', 'aws', 'notify'];
/**
 * Whether this step has work for the person in a drain: their newest recorded event (of one of `types`) has no
 * result for the step yet, or a failed one, or one deferred past a cap; and the steps before it in
 * lifecycle.yml have done their part (identity first: for a leaver, GitHub and AWS go on when identity failed).
 * Pending work (an invitation not accepted) is left to the scheduled reconcile, which follows it hourly.
 */
function isPendingFor(record, step, types = src/* EVENT_TYPES */.Ru) {
    const last = newestRecorded(record);
    if (!last || !types.includes(last.type))
        return false;
    const own = record.steps[step];
    const done = own?.event_id === last.event_id && own.result !== 'failed' && own.result !== 'deferred';
    return !done && stepsBeforeDone(record, step, last);
}
/** Whether the steps before this one in lifecycle.yml did their part for the event (for a leaver, GitHub and AWS
 * go on when identity failed). */
function stepsBeforeDone(record, step, event) {
    return (ACCESS_BEFORE[step] ?? []).every((before) => {
        const s = record.steps[before];
        return s?.event_id === event.event_id && (s.result !== 'failed' || (event.type === 'offboard' && step !== 'notify'));
    });
}
const ACCESS_BEFORE = {
    github: ['identity'],
    aws: ['identity'],
    notify: ['identity', 'github', 'aws'],
};
/** The hashes (eventHash) of the HR events the record holds: taken in before, or its last or newest event. */
function heldHashes(record) {
    const own = [record.last_event, record.unapplied_event].flatMap((e) => (e ? [(0,src/* eventHash */.Di)(e.event_id)] : []));
    return [...new Set([...(record.received ?? []), ...own])];
}
function summarize(record) {
    return { held: heldHashes(record), pending: STEP_NAMES.filter((step) => isPendingFor(record, step)) };
}

;// CONCATENATED MODULE: ../../packages/ledger/src/granted.ts
// Records, from a step's receipts, what onramp granted the person in that step's system: the same rule for
// every action, so none writes its own. A verified, present, desired item of a grantable kind joins; a
// verified removal leaves; an item that failed or was not verified leaves the list as it was. Account-level
// items (the user, the org membership) are never in it; when the account itself is verified gone (the org
// membership removed, the IAM user deleted) everything in it went too.

const K = src/* ITEM_KEY_PREFIX */.Rz;
/** Receipt items named as their keys are: the prefix both ways. */
const same = (...prefixes) => prefixes.map((p) => [p, p]);
const GRANTABLE = {
    identity: { kinds: same(K.identityGroup), adopt: true },
    github: { kinds: same(K.githubTeam), adopt: true, account: ['org-membership'], carriers: ['invitation'] },
    aws: {
        // IAM users' groups and policies; IAM Identity Center's assignments and groups.
        kinds: same(K.awsGroup, K.awsPolicy, K.ssoAssignment, K.ssoGroup),
        adopt: true,
        account: ['delete:user', 'delete:sso-user'],
    },
    slack: { kinds: [['slack-channel:', K.slackChannel]], adopt: false },
};
/** The system a step grants in, if any. */
function systemOfStep(step) {
    return src/* SYSTEMS */.LB.find((s) => src/* GRANTING_STEP */.G7[s] === step);
}
/**
 * The step's system's granted list after these receipts, from `current` (the record being updated, before this
 * step's result is in it). `before` is the record as the step read it at its start: a record from before
 * `granted` existed is read through its role then (another step of the same run may have moved it on since).
 */
function grantedAfter(current, before, system, plan, receipts, roles) {
    const rule = GRANTABLE[system];
    if (receipts.some((r) => rule.account?.includes(r.item) && r.verified && r.desired === null))
        return [];
    const out = new Set((0,src/* grantedOrRole */.zP)((0,src/* recordGranted */.Tk)(current), roles, before?.role ?? current.role)[system]);
    const desired = new Set((0,src/* planItems */.ki)(plan)[system]);
    if (receipts.some((r) => rule.carriers?.includes(r.item) && r.verified && r.desired !== null))
        for (const key of desired)
            out.add(key);
    for (const r of receipts) {
        const kind = rule.kinds.find(([prefix]) => r.item.startsWith(prefix));
        if (!kind || !r.verified)
            continue;
        const key = kind[1] + r.item.slice(kind[0].length);
        if (!desired.has(key))
            out.delete(key);
        else if (rule.adopt || r.action !== 'none')
            out.add(key);
    }
    return [...out].sort();
}

;// CONCATENATED MODULE: ../../packages/ledger/src/grants.ts
// A person's time-bound grants as every step sees and records them: the ledger's, with grants.yaml's entries
// for the person brought in (core's mergeFileGrants), checked against guardrails `grants.max-days`; recorded
// back with the step, with one grant-expiry task per system in the schedule. An offboard that takes effect ends
// every grant. The scheduled run revokes at the end (the items leave desired); notify announces and marks it
// ended once every access step has done its part.

/** Who approved a file grant, as the run can know it: the reviewed change that put it on the default branch. */
function fileApproval(env) {
    return env.GITHUB_SHA ? `reviewed change to grants.yaml (commit ${env.GITHUB_SHA.slice(0, 12)})` : 'grants.yaml';
}
function fileGrantsOf(access, employeeId) {
    return (access.grants ?? []).filter((g) => g.employeeId === employeeId);
}
/**
 * The person's grants at `now`: recorded ones, and grants.yaml's for them. A file grant lasting longer than
 * `grants.max-days` from when it was first recorded is refused before any call (`grants[i].until`).
 */
function personGrants(access, employeeId, recorded, now, env) {
    const file = fileGrantsOf(access, employeeId);
    const merged = (0,src/* mergeFileGrants */.k8)(recorded, file, now, fileApproval(env));
    const problems = [];
    for (const f of file) {
        const g = merged.find((x) => x.id === f.id && x.source === 'file' && !x.ended);
        const p = g && (0,src/* durationProblem */.YV)(g, access.guardrails, `grants[${f.index}].until`);
        if (p)
            problems.push({ file: 'grants.yaml', ...p });
    }
    if (problems.length)
        throw new src/* UserError */.yo(problems);
    return merged;
}
/** The schedule with the grants' expiry tasks current: other tasks kept, a task's done stamp kept. */
function withGrantTasks(schedule, grants) {
    const others = (schedule ?? []).filter((t) => t.why !== 'grant-expiry');
    return (0,src/* keepDone */.SY)(schedule, [...others, ...(0,src/* grantExpiryTasks */.Kw)(grants)]);
}
/**
 * Records the person's grants with a step's result: grants.yaml's brought in, every grant ended when an offboard
 * took effect, the expiry tasks in the schedule (their done stamps kept). The step's due tasks, these included,
 * are stamped done by recordStep when it ran for real and did not fail: its read-back verified the items gone.
 */
function recordGrants(r, context) {
    const { access, now } = context;
    let grants = (0,src/* mergeFileGrants */.k8)(r.grants, fileGrantsOf(access, r.employee_id), now, fileApproval(context.env));
    if (context.eventType === 'offboard' && context.result !== 'scheduled')
        grants = (0,src/* endGrants */.hY)(grants, now, 'offboarded');
    if (!grants.length && !r.grants)
        return;
    r.grants = grants;
    r.schedule = withGrantTasks(r.schedule, grants);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ../../packages/ledger/src/errors.ts
/** The stored record changed since it was read: re-read, re-apply the mutation, try again. */
class ConflictError extends Error {
    constructor(employeeId, options) {
        super(`ledger record ${employeeId} changed concurrently`, options);
        this.name = 'ConflictError';
    }
}

;// CONCATENATED MODULE: ../../packages/ledger/src/file.ts
// The file backend: `<dir>/people/<employee_id>.json`, for the sandbox, local runs and tests. Compare-and-swap
// is a content-hash check made under a short per-record lock file; the write itself is temp file + rename, so
// a reader never sees half a record. `<dir>/history.jsonl` stands in for the github backend's commit log.





/** A lock older than this was left by a crashed writer. */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 10_000;
const hash = (text) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
class FileStore {
    dir;
    clock;
    description;
    people;
    constructor(dir, clock = src/* systemClock */.ml) {
        this.dir = dir;
        this.clock = clock;
        this.description = `file:${dir}`;
        this.people = (0,external_node_path_.join)(dir, 'people');
    }
    path(employeeId) {
        return (0,external_node_path_.join)(this.people, `${employeeId}.json`);
    }
    async read(employeeId) {
        let text;
        try {
            text = await (0,promises_namespaceObject.readFile)(this.path(employeeId), 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return { record: undefined, version: undefined };
            throw error;
        }
        return { record: JSON.parse(text), version: hash(text) };
    }
    async write(record, version, context) {
        const [written] = await this.writeLocked([record], new Map([[record.employee_id, version]]), context);
        return written;
    }
    async list() {
        let names;
        try {
            names = await (0,promises_namespaceObject.readdir)(this.people);
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return [];
            throw error;
        }
        const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
        const entries = await Promise.all(ids.map(async (id) => ({ employee_id: id, version: (await this.read(id)).version })));
        return entries
            .filter((e) => e.version !== undefined)
            .sort((a, b) => a.employee_id.localeCompare(b.employee_id));
    }
    /** The store's version for a batch is each record's version: the write checks them all under the locks. */
    async readMany(employeeIds) {
        const records = new Map();
        for (const id of employeeIds)
            records.set(id, await this.read(id));
        const versions = Object.fromEntries([...records].map(([id, v]) => [id, v.version ?? null]));
        return { records, version: JSON.stringify(versions) };
    }
    async writeMany(records, version, context) {
        const versions = JSON.parse(version ?? '{}');
        const expected = new Map(records.map((r) => [r.employee_id, versions[r.employee_id] ?? undefined]));
        await this.writeLocked(records, expected, context);
    }
    /** Locks every record (in id order, so two batches cannot deadlock), checks every version, then writes all. */
    async writeLocked(records, expected, context) {
        await (0,promises_namespaceObject.mkdir)(this.people, { recursive: true });
        const ids = records.map((r) => r.employee_id).sort();
        const releases = [];
        try {
            for (const id of ids)
                releases.push(await this.lock(`${this.path(id)}.lock`));
            for (const id of ids) {
                if ((await this.read(id)).version !== expected.get(id))
                    throw new ConflictError(id);
            }
            const written = [];
            for (const record of records) {
                const path = this.path(record.employee_id);
                const text = `${JSON.stringify(record, null, 2)}\n`;
                const temp = `${path}.${(0,external_node_crypto_.randomUUID)()}.tmp`;
                await (0,promises_namespaceObject.writeFile)(temp, text);
                await (0,promises_namespaceObject.rename)(temp, path);
                written.push(hash(text));
            }
            const at = new Date(this.clock.now()).toISOString();
            const lines = records.map((r) => JSON.stringify({ at, employee_id: r.employee_id, event: context.event, step: context.step }));
            await (0,promises_namespaceObject.appendFile)((0,external_node_path_.join)(this.dir, 'history.jsonl'), `${lines.join('\n')}\n`);
            return written;
        }
        finally {
            for (const release of releases)
                await release();
        }
    }
    async lock(lockPath) {
        const started = this.clock.now();
        for (;;) {
            try {
                const handle = await (0,promises_namespaceObject.open)(lockPath, 'wx');
                await handle.close();
                return () => (0,promises_namespaceObject.unlink)(lockPath).catch(() => { });
            }
            catch (error) {
                if (error.code !== 'EEXIST')
                    throw error;
            }
            const age = await (0,promises_namespaceObject.stat)(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0);
            if (age > STALE_LOCK_MS) {
                await (0,promises_namespaceObject.unlink)(lockPath).catch(() => { });
                continue;
            }
            if (this.clock.now() - started > LOCK_WAIT_MS)
                throw new Error(`ledger lock busy: ${lockPath}`);
            await this.clock.sleep(5 + Math.floor(this.clock.random() * 20));
        }
    }
}

;// CONCATENATED MODULE: ../../packages/ledger/src/github.ts
// The github backend: `people/<employee_id>.json` on a dedicated branch (default `onramp-state`) through the
// contents API. Each write sends the blob sha it read, so GitHub refuses a stale write (409, or 422 when a
// file appeared that we thought absent) and the ledger re-reads and re-applies. A re-read of a record this
// process has read is conditional (If-None-Match: a 304 costs no primary quota). Every write is a commit whose
// message names only the employee id(s), the event and the step: the branch history is the audit trail.
// A batch is one GraphQL createCommitOnBranch: every changed file in one commit, on the condition that the branch
// still points at the commit read (expectedHeadOid), so a commit that landed since makes GitHub refuse it
// (STALE_DATA) and the ledger re-reads and re-applies the batch. One content-creating request per batch, where the
// Git Data API takes three (tree, commit, ref). Listing is one recursive tree read. A batch reads the branch's
// head in one GraphQL query and its records a hundred to a query: GraphQL's quota is apart from REST's, and a
// query costs one point of it however many objects it names.
// The records hold names and emails: the state branch must live in a private repository.



const DEFAULT_STATE_BRANCH = 'onramp-state';
const github_status = (error) => error.status;
/** Blobs asked for in one GraphQL query: aliased `object(oid:)` fields, all in one point of GraphQL's quota. */
const BLOBS_PER_QUERY = 100;
const RECORD_PATH = /^people\/([^/]+)\.json$/;
const parse = (text) => JSON.parse(text);
const recordText = (r) => `${JSON.stringify(r, null, 2)}\n`;
/** Git's name for a blob with this text: known before the commit, so the index can name the record it summarizes. */
const blobSha = (text) => {
    const bytes = Buffer.from(text);
    return (0,external_node_crypto_.createHash)('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
};
const INDEX_PATH = 'index.json';
/** A batch's commit (see above): GitHub answers the new commit's oid, which the ledger does not need. */
const COMMIT_ON_BRANCH = /* GraphQL */ `
  mutation ($input: CreateCommitOnBranchInput!) {
    createCommitOnBranch(input: $input) {
      commit {
        oid
      }
    }
  }
`;
/** The branch's head: its commit and the commit's tree. */
const HEAD = /* GraphQL */ `
  query ($owner: String!, $name: String!, $ref: String!) {
    repository(owner: $owner, name: $name) {
      ref(qualifiedName: $ref) {
        target {
          oid
          ... on Commit {
            tree {
              oid
            }
          }
        }
      }
    }
  }
`;
/** `n` blobs by oid, aliased b0…b(n-1), their oids passed as variables o0…o(n-1). */
const blobsQuery = (n) => {
    const ids = Array.from({ length: n }, (_, i) => i);
    return `query ($owner: String!, $name: String!, ${ids.map((i) => `$o${i}: GitObjectID!`).join(', ')}) {
  repository(owner: $owner, name: $name) {
${ids.map((i) => `    b${i}: object(oid: $o${i}) { ... on Blob { text isTruncated } }`).join('\n')}
  }
}`;
};
/** Raised when a summary's meaning changes: an index of another version is ignored (every record is read). */
const INDEX_VERSION = 2;
class GithubStore {
    octokit;
    owner;
    repo;
    branch;
    options;
    description;
    branchReady;
    // Git objects are named by their content: a tree's entries and a blob's text never change, so each is read
    // once per process however many times a drain selects, converges and re-reads after a conflict.
    trees = new Map();
    blobs = new Map();
    constructor(octokit, owner, repo, branch = DEFAULT_STATE_BRANCH, options = {}) {
        this.octokit = octokit;
        this.owner = owner;
        this.repo = repo;
        this.branch = branch;
        this.options = options;
        this.description = `github:${owner}/${repo}@${branch}`;
    }
    path(employeeId) {
        return `people/${employeeId}.json`;
    }
    async read(employeeId, known) {
        const { owner, repo, branch } = this;
        let data;
        let tag;
        try {
            const res = await this.octokit.rest.repos.getContent({
                owner,
                repo,
                path: this.path(employeeId),
                ref: branch,
                ...(known?.tag ? { headers: { 'if-none-match': known.tag } } : {}),
            });
            data = res.data;
            tag = res.headers.etag;
        }
        catch (error) {
            // Not modified since `known` was read.
            if (github_status(error) === 304 && known)
                return known;
            // No such file, or no state branch yet: no record.
            if (github_status(error) === 404)
                return { record: undefined, version: undefined };
            throw error;
        }
        const file = data;
        if (Array.isArray(data) || file.type !== 'file')
            throw new Error(`ledger: ${this.path(employeeId)} is not a file`);
        let text;
        if (file.encoding === 'base64' && file.content)
            text = Buffer.from(file.content, 'base64').toString('utf8');
        else {
            // Over 1 MB the JSON form carries no content; the raw media type does.
            const raw = await this.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
                owner,
                repo,
                path: this.path(employeeId),
                ref: branch,
                mediaType: { format: 'raw' },
            });
            text = String(raw.data);
        }
        return { record: parse(text), version: file.sha, ...(tag ? { tag } : {}) };
    }
    async write(record, version, context) {
        // A record read from the branch proves the branch exists.
        if (version === undefined)
            await this.ensureBranch();
        const { owner, repo, branch } = this;
        try {
            const { data } = await this.octokit.rest.repos.createOrUpdateFileContents({
                owner,
                repo,
                branch,
                path: this.path(record.employee_id),
                message: context.message,
                content: Buffer.from(recordText(record)).toString('base64'),
                sha: version,
            });
            return data.content?.sha;
        }
        catch (error) {
            if (github_status(error) === 409 || github_status(error) === 422)
                throw new ConflictError(record.employee_id, { cause: error });
            throw error;
        }
    }
    /** The branch's head commit and its tree (one GraphQL query), or undefined when the branch does not exist yet. */
    async head() {
        const { owner, repo, branch } = this;
        let data;
        try {
            data = await this.octokit.graphql(HEAD, { owner, name: repo, ref: `refs/heads/${branch}` });
        }
        catch (error) {
            // No such repository for this token: as no branch, until a write says more.
            if (error.errors?.some((e) => e.type === 'NOT_FOUND'))
                return undefined;
            throw error;
        }
        const target = data.repository?.ref?.target;
        return target?.tree ? { commit: target.oid, tree: target.tree.oid } : undefined;
    }
    /** Blob shas by employee id, from one recursive read of the tree (the `people` subtree alone if truncated). */
    entries(tree) {
        return (0,src/* keptRead */.ZK)(this.trees, tree, () => this.readEntries(tree));
    }
    async readEntries(tree) {
        const { owner, repo } = this;
        const records = new Map();
        const { data } = await this.octokit.rest.git.getTree({ owner, repo, tree_sha: tree, recursive: 'true' });
        const index = data.tree.find((e) => e.path === INDEX_PATH && e.type === 'blob')?.sha;
        let items = data.tree;
        if (data.truncated) {
            const people = data.tree.find((e) => e.path === 'people' && e.type === 'tree');
            if (!people?.sha)
                return { records, index };
            const sub = await this.octokit.rest.git.getTree({ owner, repo, tree_sha: people.sha });
            if (sub.data.truncated)
                throw new Error('ledger: too many records to list in one tree read');
            items = sub.data.tree.map((e) => ({ ...e, path: `people/${e.path}` }));
        }
        for (const e of items) {
            const m = e.type === 'blob' && e.path && e.sha ? RECORD_PATH.exec(e.path) : null;
            if (m)
                records.set(m[1], e.sha);
        }
        return { records, index };
    }
    async blob(sha) {
        return (await this.blobTexts([sha])).get(sha);
    }
    /**
     * The texts of these blobs, by sha: those this process has not read yet in GraphQL queries of BLOBS_PER_QUERY
     * (one request, and one point of GraphQL's own quota, for a hundred records, where REST takes one each).
     */
    async blobTexts(shas) {
        const unread = [...new Set(shas)].filter((sha) => !this.blobs.has(sha));
        for (let i = 0; i < unread.length; i += BLOBS_PER_QUERY) {
            const part = unread.slice(i, i + BLOBS_PER_QUERY);
            const query = this.queryBlobs(part);
            for (const sha of part)
                (0,src/* keptRead */.ZK)(this.blobs, sha, () => query.then((texts) => texts.get(sha) ?? this.restBlob(sha)));
        }
        return new Map(await Promise.all(shas.map(async (sha) => [sha, await this.blobs.get(sha)])));
    }
    /** One query for these blobs: their texts, except those GitHub cut short (read whole through REST). */
    async queryBlobs(shas) {
        const { owner, repo } = this;
        const variables = { owner, name: repo };
        shas.forEach((sha, i) => {
            variables[`o${i}`] = sha;
        });
        const data = await this.octokit.graphql(blobsQuery(shas.length), variables);
        const texts = new Map();
        shas.forEach((sha, i) => {
            const blob = data.repository[`b${i}`];
            if (typeof blob?.text === 'string' && !blob.isTruncated)
                texts.set(sha, blob.text);
        });
        return texts;
    }
    async restBlob(sha) {
        const { owner, repo } = this;
        const { data } = await this.octokit.rest.git.getBlob({ owner, repo, file_sha: sha });
        return Buffer.from(data.content, 'base64').toString('utf8');
    }
    /** The index in this tree; empty when it has no index, or one of another version or unreadable. */
    async indexIn(tree) {
        const none = { people: {}, buckets: {} };
        if (!tree.index)
            return none;
        try {
            const file = JSON.parse(await this.blob(tree.index));
            if (file.version !== INDEX_VERSION || !file.people || typeof file.people !== 'object')
                return none;
            const buckets = file.buckets && typeof file.buckets === 'object' ? file.buckets : {};
            return { people: file.people, buckets };
        }
        catch (error) {
            if (error instanceof SyntaxError)
                return none;
            throw error;
        }
    }
    /** The budget of this store's client, when it carries a group's share from job to job. */
    carried() {
        return this.options.group ? src/* budgetOfClient */.gq.get(this.octokit)?.carry : undefined;
    }
    async summaries(employeeIds) {
        const out = new Map();
        const head = await this.head();
        if (!head || !this.options.summarize)
            return out;
        const tree = await this.entries(head.tree);
        const { people: index, buckets } = await this.indexIn(tree);
        const left = this.options.group ? buckets[this.options.group] : undefined;
        if (left)
            this.carried()?.resume(left);
        for (const id of employeeIds ?? Object.keys(index)) {
            const e = Object.hasOwn(index, id) ? index[id] : undefined;
            if (e && e.record === tree.records.get(id))
                out.set(id, { held: e.held, pending: e.pending });
        }
        return out;
    }
    async list() {
        const head = await this.head();
        if (!head)
            return [];
        return [...(await this.entries(head.tree)).records]
            .map(([employee_id, version]) => ({ employee_id, version }))
            .sort((a, b) => a.employee_id.localeCompare(b.employee_id));
    }
    /**
     * A batch's commit is paid for before it reads the head, then goes out at once: a commit that waits for its share
     * between the read and the write loses the compare-and-swap to the other jobs' commits, and each loss costs
     * another. (Paid and not sent, when nothing changed: the next batch spends it.)
     */
    async beforeBatch() {
        await (0,src/* prepayWrites */._0)(this.octokit, src/* LEDGER_COMMIT_WRITES */.lw);
    }
    async readMany(employeeIds) {
        const head = await this.head();
        const records = new Map();
        const shas = head ? (await this.entries(head.tree)).records : new Map();
        const texts = await this.blobTexts(employeeIds.flatMap((id) => shas.get(id) ?? []));
        for (const id of employeeIds) {
            const sha = shas.get(id);
            records.set(id, sha ? { record: parse(texts.get(sha)), version: sha } : { record: undefined, version: undefined });
        }
        return { records, version: head ? `${head.commit} ${head.tree}` : undefined };
    }
    async writeMany(records, version, context) {
        const { owner, repo, branch } = this;
        // The first batch on a repository without the branch creates it, then reads again at its head.
        if (!version) {
            await this.ensureBranch();
            throw new ConflictError(records[0]?.employee_id ?? 'batch');
        }
        const [parent, baseTree] = version.split(' ');
        const files = records.map((r) => ({ path: this.path(r.employee_id), content: recordText(r) }));
        if (this.options.summarize)
            files.push({ path: INDEX_PATH, content: await this.indexAfter(baseTree, records) });
        const [headline, ...body] = context.message.split('\n');
        try {
            await this.octokit.graphql(COMMIT_ON_BRANCH, {
                input: {
                    branch: { repositoryNameWithOwner: `${owner}/${repo}`, branchName: branch },
                    expectedHeadOid: parent,
                    message: { headline, body: body.join('\n').trim() || undefined },
                    fileChanges: {
                        additions: files.map((f) => ({
                            path: f.path,
                            contents: Buffer.from(f.content, 'utf8').toString('base64'),
                        })),
                    },
                },
            });
        }
        catch (error) {
            // The head moved since the read: another commit landed first.
            const errors = error.errors;
            if (errors?.some((e) => e.type === 'STALE_DATA'))
                throw new ConflictError('batch', { cause: error });
            throw error;
        }
    }
    /**
     * The index as this batch leaves it: the written records' summaries, and the base tree's entries still current
     * (an entry whose record was written another way since is dropped: it would only be ignored).
     */
    async indexAfter(baseTree, written) {
        const summarize = this.options.summarize;
        const tree = await this.entries(baseTree);
        const base = await this.indexIn(tree);
        const people = {};
        for (const [id, e] of Object.entries(base.people))
            if (e.record === tree.records.get(id))
                people[id] = e;
        for (const r of written)
            people[r.employee_id] = { record: blobSha(recordText(r)), ...summarize(r) };
        // This commit is paid for (beforeBatch): the next job of the group goes on from what is left.
        const carry = this.carried();
        const buckets = carry ? { ...base.buckets, [this.options.group]: carry.save() } : base.buckets;
        return `${JSON.stringify({ version: INDEX_VERSION, people, buckets })}\n`;
    }
    /** Create the state branch from the default branch's head the first time it is needed. */
    ensureBranch() {
        this.branchReady ??= (async () => {
            const { owner, repo } = this;
            try {
                await this.octokit.rest.git.getRef({ owner, repo, ref: `heads/${this.branch}` });
                return;
            }
            catch (error) {
                if (github_status(error) !== 404)
                    throw error;
            }
            const { data: info } = await this.octokit.rest.repos.get({ owner, repo });
            const { data: head } = await this.octokit.rest.git.getRef({ owner, repo, ref: `heads/${info.default_branch}` });
            try {
                await this.octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${this.branch}`, sha: head.object.sha });
            }
            catch (error) {
                // Another job created it first.
                if (github_status(error) !== 422)
                    throw error;
            }
        })().catch((error) => {
            this.branchReady = undefined;
            throw error;
        });
        return this.branchReady;
    }
}

;// CONCATENATED MODULE: ../../packages/ledger/src/ledger.ts
// The ledger: a read-modify-write per person over a store with compare-and-swap. `update` takes a mutation,
// not a record, so after a conflict it re-reads and re-applies it: two jobs recording different steps of one
// person at the same time both land. The version last read or written is kept, so the read before a write is
// conditional (a 304 when nothing changed) and the window a parallel job can race into is one round trip.
// `updateMany` writes many people's records in one commit, all or none, with the same re-read on conflict.



/** Conflicts clear in a round trip or two; this keeps trying well past that, but not for ever. */
const LEDGER_POLICY = { baseMs: 100, capMs: 2000, maxAttempts: 10, deadlineMs: 60_000 };
// Commit messages and file names carry only these characters: ids and event labels, never free text.
const safe = (s) => s.replace(/[^A-Za-z0-9._:/-]/g, '_').slice(0, 100);
function checkEmployeeId(employeeId) {
    if (!src/* EMPLOYEE_ID_PATTERN */.S3.test(employeeId) || /^\.+$/.test(employeeId)) {
        throw new src/* UserError */.yo({ field: 'employee_id', rule: 'must match [A-Za-z0-9._-]{1,64} and not be only dots' });
    }
}
function applyMutation(employeeId, record, mutate) {
    const base = record ?? emptyRecord(employeeId);
    const draft = structuredClone(base);
    const next = mutate(draft) ?? draft;
    if (next.employee_id !== employeeId)
        throw new Error('a ledger mutation must not change employee_id');
    return { base, next, changed: (0,src/* canonical */.$N)(next) !== (0,src/* canonical */.$N)(base) };
}
function createLedger(store, options = {}) {
    const clock = options.clock ?? src/* systemClock */.ml;
    const policy = options.policy ?? LEDGER_POLICY;
    const onConflict = (error) => ({ retry: error instanceof ConflictError });
    // What this process last read or wrote, per person: the next read of it is conditional.
    const known = new Map();
    const read = async (employeeId) => {
        const v = await store.read(employeeId, known.get(employeeId));
        known.set(employeeId, v);
        return v;
    };
    return {
        description: store.description,
        async get(employeeId) {
            checkEmployeeId(employeeId);
            return (await read(employeeId)).record;
        },
        async update(employeeId, mutate, { event, step }) {
            checkEmployeeId(employeeId);
            const message = `onramp: ${employeeId} ${safe(event)} ${safe(step)}`;
            return (0,src/* withRetry */.bD)(async () => {
                const { record, version } = await read(employeeId);
                const { base, next, changed } = applyMutation(employeeId, record, mutate);
                if (!changed)
                    return base;
                try {
                    const written = await store.write(next, version, { employeeId, event, step, message });
                    known.set(employeeId, { record: next, version: written });
                }
                catch (error) {
                    known.delete(employeeId);
                    throw error;
                }
                return next;
            }, onConflict, policy, clock);
        },
        async updateMany(changes, { event, step }) {
            const ids = changes.map((c) => c.employeeId);
            for (const id of ids)
                checkEmployeeId(id);
            if (new Set(ids).size !== ids.length)
                throw new Error('updateMany: one change per employee id');
            return (0,src/* withRetry */.bD)(async () => {
                await store.beforeBatch?.();
                const { records, version } = await store.readMany(ids);
                const out = new Map();
                const writes = [];
                for (const { employeeId, mutate } of changes) {
                    const { base, next, changed } = applyMutation(employeeId, records.get(employeeId)?.record, mutate);
                    out.set(employeeId, next);
                    if (changed)
                        writes.push(next);
                    else
                        out.set(employeeId, base);
                }
                if (!writes.length)
                    return out;
                const written = writes.map((r) => r.employee_id);
                const message = [`onramp: ${writes.length} records ${safe(event)} ${safe(step)}`, '', ...written].join('\n');
                for (const id of written)
                    known.delete(id);
                await store.writeMany(writes, version, { event, step, message });
                return out;
            }, onConflict, policy, clock);
        },
        list: () => store.list(),
        async getMany(employeeIds) {
            for (const id of employeeIds)
                checkEmployeeId(id);
            const { records } = await store.readMany(employeeIds);
            const out = new Map();
            for (const [id, v] of records)
                if (v.record)
                    out.set(id, v.record);
            return out;
        },
        async summaries(employeeIds) {
            for (const id of employeeIds ?? [])
                checkEmployeeId(id);
            return (await store.summaries?.(employeeIds)) ?? new Map();
        },
    };
}

;// CONCATENATED MODULE: ../../packages/ledger/src/open.ts
// `openLedger(state, …)` turns the common `state` input into a ledger: `file:<dir>`, `github` or
// `github:<branch>`.






const GITHUB_API = 'https://api.github.com';
/** The ledger an action's common inputs name (`state`, `state-token`, `state-repository`), as every step opens it. */
function openStepLedger(inputs, env, options = {}) {
    return openLedger(inputs.state, {
        token: inputs.stateToken,
        apiUrl: options.apiUrl ?? env.GITHUB_API_URL,
        repo: inputs.stateRepository || env.GITHUB_REPOSITORY,
        clock: options.clock,
        fast: options.fast,
        octokit: options.octokit,
        contentShare: options.contentShare,
        group: options.group,
        policy: options.policy,
    });
}
const BRANCH = /^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]{1,100}$/;
/** Async because the `github` backend loads Octokit on demand: an action on `file:` state never pays for it. */
async function openLedger(state, options = {}) {
    const fail = (rule, field = 'with.state') => {
        throw new src/* UserError */.yo({ field, rule });
    };
    const ledgerOptions = { clock: options.clock, policy: options.policy };
    if (state.startsWith('file:')) {
        const dir = state.slice('file:'.length);
        if (!dir)
            fail('file: needs a directory');
        return createLedger(new FileStore((0,external_node_path_.resolve)(options.cwd ?? process.cwd(), dir), options.clock), ledgerOptions);
    }
    const m = /^github(?::(.+))?$/.exec(state);
    if (!m)
        return fail('must be github, github:<branch> or file:<dir>');
    const branch = m[1] ?? DEFAULT_STATE_BRANCH;
    if (!BRANCH.test(branch))
        fail('github:<branch> needs a plain branch name');
    const repo = options.repo ?? process.env.GITHUB_REPOSITORY ?? '';
    const [owner, name, extra] = repo.split('/');
    if (!owner || !name || extra !== undefined)
        fail('must be owner/name', 'repository');
    const octokit = options.octokit ??
        (await Promise.all(/* import() */[__nccwpck_require__.e(377), __nccwpck_require__.e(714)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8714))).createOctokit({
            token: options.token || fail('required when state is github', 'with.state-token'),
            baseUrl: options.apiUrl ?? process.env.GITHUB_API_URL ?? GITHUB_API,
            clock: options.clock,
            fast: options.fast,
            contentShare: options.contentShare,
        });
    return createLedger(new GithubStore(octokit, owner, name, branch, { summarize: summarize, group: options.group }), ledgerOptions);
}
/** The endpoints a ledger on `state` talks to (for clockFromEnv): the GitHub API for `github`, none for a folder. */
function stateEndpoints(state, apiUrl) {
    if (!state?.startsWith('github'))
        return [];
    return [apiUrl || GITHUB_API];
}

;// CONCATENATED MODULE: ../../packages/ledger/src/step.ts
// The frame every action's run() stands in: load the reviewed access files, read and validate the event,
// mask personal data, fill a rerun from the person's ledger record, plan; and at the end record the step,
// set outputs, write the job summary and the audit lines. Actions only add their system's items.






/** The steps that change access: only their failure keeps an event from being applied. */
const ACCESS_STEPS = ['identity', 'github', 'aws'];
const TITLES = {
    identity: 'onramp: identity provider',
    github: 'onramp: GitHub',
    aws: 'onramp: AWS IAM',
    notify: 'onramp: notifications',
};
async function beginStep(name, inputs, options = {}) {
    const env = options.env ?? process.env;
    const batch = options.batch;
    const access = batch?.access ?? (0,src/* loadAccess */.xf)({ rolesFile: inputs.rolesFile, guardrailsFile: inputs.guardrailsFile });
    // The event is verified (signature, age) and checked before this step makes any call, at the step's clock's now.
    const clock = options.clock ?? src/* systemClock */.ml;
    const event = (0,src/* readRunnerEvent */.No)(access, inputs, env, { now: () => new Date(clock.now()) });
    // Nothing has logged yet: what is public is declared first, so a name that is also a word of the plan (Dev,
    // Acme, E1042) is not masked out of it. Explicit inputs are personal data too.
    (0,src/* declarePublicData */.UN)({ text: [(0,src/* accessIdentifiers */.du)(access)], ids: (0,src/* publicIds */.AE)(event) });
    (0,src/* maskPersonalData */.ty)([inputs.email, inputs.name, event.email, event.name, event.managerEmail, event.personalEmail]);
    const ledger = batch ? batch.ledger : inputs.state === 'none' ? undefined : await openStepLedger(inputs, env, options);
    const record = batch ? batch.read(event.employeeId) : ledger ? await ledger.get(event.employeeId) : undefined;
    if (record?.person)
        (0,src/* maskPersonalData */.ty)([
            record.person.email,
            record.person.name,
            record.person.manager_email,
            record.person.personal_email,
        ]);
    if (event.source === 'workflow_dispatch')
        fillFromRecord(event, record);
    else
        (0,src/* assertNotStale */.HN)(event, record?.last_event?.occurred_at);
    assertApplicable(event, record);
    // What onramp may take away is what it granted (a record from before `granted` existed: what its role gives).
    // Desired is the role's items and those of the person's grants active now.
    const now = clock.now();
    const grants = personGrants(access, event.employeeId, record?.grants, now, env);
    const plan = (0,src/* plan */.et)(event, access.roles, access.guardrails, {
        lastRole: record?.role,
        granted: (0,src/* recordGranted */.Tk)(record),
        grants: { list: grants, now },
    });
    const dryRun = event.dryRun;
    const dates = access.guardrails.dates;
    const notDue = (0,src/* notYet */.y8)(name, event, dates, now);
    const waiting = notDue && { ...notDue, local: (0,src/* formatLocal */.xg)(notDue.until, dates.timeZone) };
    const audit = (0,src/* createAuditLog */.iL)();
    const context = { event: event.eventId, step: name, employee_id: event.employeeId };
    // A converge run records a step that throws from here on as failed for this event (so it is not applied, and
    // the next apply retries it); the step's own result replaces this in finish.
    if (batch && ledger && !dryRun)
        batch.record(event.employeeId, {
            mutate: (r) => recordThrown(r, name, event, env),
            ifThrown: true,
        });
    const step = {
        name,
        access,
        event,
        plan,
        record,
        grants,
        ledger,
        dryRun,
        now,
        waiting,
        scheduled(extra) {
            if (!waiting)
                throw new Error(`onramp ${name}: scheduled() while nothing is waiting`);
            const note = `Not due yet: nothing was read or changed. This step runs ${WHEN[waiting.why]}, ${waiting.local}.`;
            return step.finish({ result: 'scheduled', receipts: [scheduleReceipt(waiting.local, waiting.why)] }, { note, ...extra });
        },
        partly(outcome, next, extra) {
            const receipts = [...outcome.receipts, scheduleReceipt((0,src/* formatLocal */.xg)(next.until, dates.timeZone), next.why)];
            return step.finish({ result: (0,src/* worst */.QZ)([outcome.result, 'scheduled']), receipts }, { ...extra, didDue: true });
        },
        async finish(outcome, extra = {}) {
            audit.receipts(context, outcome.receipts);
            if (ledger && !dryRun) {
                const update = { event: `${event.type}/${event.eventId}`, step: name };
                const granted = { plan, access, before: record, now };
                const mutate = (r) => recordStep(r, name, event, outcome, env, extra, granted);
                // One person (lifecycle.yml): the step's one commit, now. A converge run writes it with others' later.
                if (batch)
                    batch.record(event.employeeId, { mutate });
                else
                    await ledger.update(event.employeeId, mutate, update);
            }
            if (batch) {
                audit.log({ ...context, result: outcome.result });
                batch.report(event.employeeId, outcome, extra.note);
                return outcome.result;
            }
            (0,src/* setOutputs */.n0)({
                result: outcome.result,
                receipt: outcome.receipts,
                'employee-id': event.employeeId,
                ...extra.outputs,
            });
            await (0,src/* writeSummary */.Sy)({
                title: TITLES[name],
                note: [dryRun ? 'Dry run: nothing was changed.' : undefined, extra.note].filter(Boolean).join(' '),
                receipts: outcome.receipts,
                rerun: { employeeId: event.employeeId, eventType: event.type },
            });
            audit.log({ ...context, result: outcome.result });
            // A failed item fails the step, so the workflow's alert job runs; pending and deferred are not failures.
            if (outcome.result === 'failed') {
                const failed = outcome.receipts.filter((r) => r.result === 'failed');
                core/* setFailed */.C1(`onramp ${name}: ${failed.map((r) => `${r.item}: ${r.reason ?? 'failed'}`).join('; ')}`);
            }
            return outcome.result;
        },
    };
    return step;
}
/** What a task's time is, for a summary's reader. */
const WHEN = {
    start: 'on the start date',
    early: 'before the start date (guardrails dates.joiner)',
    welcome: 'at the welcome lead time before the start date',
    leave: 'at the end of the last day',
    deactivate: 'after the last day (guardrails dates.leaver)',
    delete: 'after the last day (guardrails dates.leaver)',
    'grant-expiry': 'when the time-bound grant ends',
};
/** The one receipt of a step (or the rest of one) that is not due yet: until when, and why. */
function scheduleReceipt(local, why) {
    return scheduleItem('scheduled', `until ${local} (${why})`);
}
/** A `schedule` receipt: what waits for a date, made without a call (a waiting step, a STAGED account). */
function scheduleItem(result, reason) {
    return { item: 'schedule', action: 'none', before: null, after: null, verified: true, result, reason };
}
/** A rerun names only the person: the rest is what the ledger holds from their last HR event. */
function fillFromRecord(event, record) {
    if (event.offboardNow) {
        fillOffboardNow(event, record);
        return;
    }
    const last = record && newestRecorded(record);
    if (!record || !last) {
        throw new src/* UserError */.yo({ field: 'inputs.employee-id', rule: 'no ledger record for this employee: nothing to rerun' });
    }
    // A rerun repeats the person's last HR event (applied, or newer and not applied yet); it never turns one into
    // another (an offboarded person is never re-granted access by a rerun: only a new HR event can do that).
    if (event.type !== last.type) {
        throw new src/* UserError */.yo({
            field: 'inputs.event-type',
            rule: `a rerun repeats the person's last HR event, which was ${last.type}`,
        });
    }
    event.eventId = last.event_id;
    event.occurredAt = last.occurred_at;
    event.role ??= last.role ?? record.role;
    // When it takes effect comes back with it: a rerun at the due time does what is due then.
    if (last.start_date)
        event.startDate ??= last.start_date;
    if (last.last_day)
        event.lastDay = last.last_day;
    if (last.last_hour !== undefined)
        event.lastHour = last.last_hour;
    if (last.urgent)
        event.urgent = true;
    fillPerson(event, record);
}
/**
 * An emergency offboard: whatever HR last said, dated no earlier than the last event recorded, so that no older
 * event can undo it; every job of the run reads the same event (its id is the run's) and the same date.
 */
function fillOffboardNow(event, record) {
    if (!record) {
        throw new src/* UserError */.yo({
            field: 'inputs.employee-id',
            rule: 'no ledger record for this employee: nothing to offboard',
        });
    }
    const same = [record.last_event, record.unapplied_event].find((e) => e?.event_id === event.eventId);
    const latest = newestRecorded(record)?.occurred_at;
    if (same)
        event.occurredAt = same.occurred_at;
    else if (latest && (0,src/* isNewer */.U4)(latest, event.occurredAt))
        event.occurredAt = latest;
    // Now, whatever last day HR gave.
    event.urgent = true;
    event.role ??= record.role;
    fillPerson(event, record);
}
/** Everything a first run had from HR's payload: the person's details and the event's dates. */
function fillPerson(event, record) {
    event.name ??= record.person?.name;
    event.email ??= record.person?.email;
    event.managerEmail ??= record.person?.manager_email;
    event.personalEmail ??= record.person?.personal_email;
    event.githubUsername ??= record.person?.github_username;
}
/** Refuses, before anything is changed or recorded, an event the person's state cannot take. */
function assertApplicable(event, record) {
    const field = event.source === 'repository_dispatch' ? 'action' : 'inputs.event-type';
    const by = record?.offboarded_by;
    if (by && event.type !== 'offboard' && !(0,src/* isNewer */.U4)(event.occurredAt, by.occurred_at)) {
        throw new src/* UserError */.yo({
            field: 'client_payload.occurred_at',
            rule: 'not newer than the emergency offboard recorded for this person: only a newer HR event can rehire',
        });
    }
    if (event.type === 'role-change' && record?.status !== 'active') {
        throw new src/* UserError */.yo({
            field,
            rule: record?.status === 'offboarded'
                ? 'role-change for an offboarded employee: a rehire starts with an onboard'
                : 'role-change before an onboard was applied for this employee: send the onboard first',
        });
    }
    // A leaver keeps their access, and their role, until the last day: a role change in between would replace the
    // scheduled offboard as the newest event (and with it the schedule). A newer onboard rescinds the leave.
    if (event.type === 'role-change' && record && scheduledOffboard(record)) {
        throw new src/* UserError */.yo({
            field,
            rule: 'role-change for an employee whose offboard is scheduled (last day not over): a newer onboard rescinds the leave first, or offboard-now ends it at once',
        });
    }
    // An offboard after an onboard that failed half-way still runs: whatever was granted is revoked.
    if (event.type === 'offboard' && !record?.last_event && !record?.unapplied_event) {
        throw new src/* UserError */.yo({
            field,
            rule: 'offboard before any onboard was recorded for this employee: nothing to revoke',
        });
    }
}
/** The person's offboard is recorded and waits for its last day: every access step recorded `scheduled` for it. */
function scheduledOffboard(record) {
    const pending = record.unapplied_event;
    return pending?.type === 'offboard' && waitsForItsDate(record, pending.event_id);
}
/** Every access step that recorded a result for the event recorded `scheduled`: it waits for its date. */
function waitsForItsDate(r, eventId) {
    const mine = ACCESS_STEPS.map((n) => r.steps[n]).filter((s) => s?.event_id === eventId);
    return mine.length > 0 && mine.every((s) => s?.result === 'scheduled');
}
function recordStep(r, name, event, outcome, env, extra, granted) {
    // What the step's system holds that onramp granted, from its receipts (before this step's result is in `r`).
    const system = systemOfStep(name);
    if (system) {
        const list = grantedAfter(r, granted.before, system, granted.plan, outcome.receipts, granted.access.roles);
        r.granted = { ...r.granted, [system]: list };
    }
    // A rerun that finds this event's step already done and verified leaves the record as it is: a rerun with
    // nothing to do makes no changing call, the ledger's commit included.
    const prev = r.steps[name];
    const verified = outcome.receipts.every((x) => x.verified);
    const confirms = prev?.event_id === event.eventId &&
        prev.verified === verified &&
        (prev.result === outcome.result || (prev.result === 'changed' && outcome.result === 'unchanged'));
    if (!confirms) {
        r.steps[name] = {
            result: outcome.result,
            verified,
            at: new Date().toISOString(),
            run: env.GITHUB_RUN_ID,
            event_id: event.eventId,
        };
    }
    if (event.source === 'repository_dispatch' &&
        (!r.last_event || !(0,src/* isNewer */.U4)(r.last_event.occurred_at, event.occurredAt))) {
        // Applied or not.
        keepPersonDetails(r, event);
    }
    if (event.offboardNow && !r.offboarded_by) {
        r.offboarded_by = {
            actor: env.GITHUB_ACTOR || 'unknown',
            at: new Date().toISOString(),
            ...(env.GITHUB_RUN_ID ? { run: env.GITHUB_RUN_ID } : {}),
            event_id: event.eventId,
            occurred_at: event.occurredAt,
        };
    }
    settle(r, event);
    // The person's time-bound grants (grants.yaml's brought in, ended by an offboard) and their expiry tasks.
    recordGrants(r, {
        access: granted.access,
        eventType: event.type,
        result: outcome.result,
        now: granted.now,
        env,
    });
    r.schedule = scheduleOf(r, granted.access.guardrails.dates);
    // The step did what was due (it ran for real, and neither failed nor waited): its due tasks are done.
    if (outcome.result !== 'failed' && (outcome.result !== 'scheduled' || extra.didDue))
        r.schedule = (0,src/* completeDue */.iC)(r.schedule, name, granted.now);
    if (!r.schedule.length)
        delete r.schedule;
    extra.ids?.(r.ids);
    extra.mutate?.(r);
}
/** A ledger event as dates.ts reads it. */
function datedOf(e) {
    return {
        type: e.type,
        eventId: e.event_id,
        occurredAt: e.occurred_at,
        ...(e.start_date ? { startDate: e.start_date } : {}),
        ...(e.last_day ? { lastDay: e.last_day } : {}),
        ...(e.last_hour !== undefined ? { lastHour: e.last_hour } : {}),
        ...(e.urgent ? { urgent: true } : {}),
    };
}
/**
 * The person's schedule: the newest event's tasks (an older event's are superseded by it) and every task not of
 * an HR event (a grant's end), each keeping the done stamp it has.
 */
function scheduleOf(r, dates) {
    const newest = newestRecorded(r);
    const others = (r.schedule ?? []).filter((t) => t.event_id === undefined);
    return (0,src/* keepDone */.SY)(r.schedule, [...(newest ? (0,src/* scheduleFor */.hd)(datedOf(newest), dates) : []), ...others]);
}
/** A converge run's person whose step threw: a failed result for the event, nothing else touched. */
function recordThrown(r, name, event, env) {
    r.steps[name] = {
        result: 'failed',
        verified: false,
        at: new Date().toISOString(),
        run: env.GITHUB_RUN_ID,
        event_id: event.eventId,
    };
    settle(r, event);
}
/**
 * An event is applied when every access step (identity, github, aws) that recorded a result for it recorded
 * changed, unchanged, pending or deferred. Steps land one by one, so the first success applies it (status,
 * role, last_event) and keeps what was there before; an access step that then fails for it puts that back. A
 * failed notification leaves the access applied (the alert fires; a rerun sends what was not sent). An older
 * event never moves the record back.
 */
function settle(r, event) {
    const entry = ledgerEvent(event);
    // Not applied yet either: an event waiting for its date.
    const failed = waitsForItsDate(r, event.eventId) ||
        ACCESS_STEPS.some((n) => r.steps[n]?.event_id === event.eventId && r.steps[n]?.result === 'failed');
    const applied = r.last_event?.event_id === event.eventId;
    const older = r.last_event !== undefined && !applied && (0,src/* isNewer */.U4)(r.last_event.occurred_at, event.occurredAt);
    if (failed) {
        if (applied) {
            const before = r.before_last;
            r.last_event = before?.last_event;
            r.status = before?.status ?? 'new';
            r.role = before?.role;
            delete r.before_last;
        }
        if (!older)
            r.unapplied_event = entry;
        return;
    }
    if (applied || older)
        return;
    r.before_last = { last_event: r.last_event, status: r.status, role: r.role };
    r.last_event = entry;
    if (event.role)
        r.role = event.role;
    r.status = event.type === 'offboard' ? 'offboarded' : 'active';
    if (r.unapplied_event && !(0,src/* isNewer */.U4)(r.unapplied_event.occurred_at, event.occurredAt))
        delete r.unapplied_event;
}

;// CONCATENATED MODULE: ../../packages/ledger/src/intents.ts
// HR events waiting to be drained. lifecycle.yml's validate job verifies each repository_dispatch event and
// uploads it, exactly as received, as a workflow artifact (onramp-intent-<employee id>-<event hash>): an artifact
// costs no content-creating request, where a ledger commit per event would spend GitHub's 80 a minute. Each
// access job then runs once per system for everybody pending (`employee-ids: pending`): the identity job takes
// the new intents in (verified again, exactly as validate does, then recorded in the ledger one commit per
// chunk), and every job selects the people whose newest recorded event its step has not done yet.







/** How many taken-in event hashes a record keeps (`received`): enough to skip every artifact still retained. */
const RECEIVED_KEPT = 20;
/** People per ledger commit when intents are recorded (as a converge run's LEDGER_CHUNK). */
const INTAKE_CHUNK = 25;
const HASH = /^[0-9a-f]{16}$/;
/** The employee id and event hash an intent artifact's name carries, or undefined for any other name. */
function parseIntentName(name) {
    if (!name.startsWith(src/* INTENT_PREFIX */.wZ))
        return undefined;
    const rest = name.slice(src/* INTENT_PREFIX */.wZ.length);
    const employeeId = rest.slice(0, -17);
    const hash = rest.slice(-16);
    if (rest.at(-17) !== '-' || !HASH.test(hash) || !/^[A-Za-z0-9._-]{1,64}$/.test(employeeId))
        return undefined;
    return { employeeId, hash };
}
/**
 * HR events whose runs wait for a reviewer in REVIEWED_ENVIRONMENT (lifecycle.yml's review job): another run's
 * drain takes one in only once a reviewer approved its own run there, so draining never skips a review.
 */
const REVIEWED_TYPES = ['onboard', 'role-change'];
const REVIEWED_ENVIRONMENT = 'onramp-review';
/** Intents as the repository's workflow artifacts: listed (paged) and downloaded with the job's token (actions: read). */
function githubIntents(octokit, repository) {
    const [owner = '', repo = ''] = repository.split('/');
    const reviews = new Map();
    return {
        description: `artifacts of ${repository}`,
        async list() {
            const all = await octokit.paginate(octokit.rest.actions.listArtifactsForRepo, { owner, repo, per_page: 100 });
            const seen = new Set();
            const out = [];
            // GitHub lists newest first; a re-sent event's second artifact has the same name.
            for (const a of all)
                if (a.name.startsWith(src/* INTENT_PREFIX */.wZ) && !a.expired && !seen.has(a.name)) {
                    seen.add(a.name);
                    out.push({ name: a.name, id: a.id, runId: a.workflow_run?.id ?? undefined });
                }
            return out;
        },
        async read(artifact) {
            const res = await octokit.rest.actions.downloadArtifact({
                owner,
                repo,
                artifact_id: artifact.id,
                archive_format: 'zip',
            });
            return fileInZip(new Uint8Array(res.data));
        },
        approved(artifact) {
            const runId = artifact.runId;
            if (runId === undefined)
                return Promise.resolve(false);
            let answer = reviews.get(runId);
            if (!answer) {
                // The run's review history (actions: read): one read per run, however many of its intents are listed.
                answer = octokit.rest.actions.getReviewsForRun({ owner, repo, run_id: runId }).then(({ data }) => {
                    const here = data.filter((r) => r.environments.some((e) => e.name === REVIEWED_ENVIRONMENT));
                    return here.some((r) => r.state === 'approved') && !here.some((r) => r.state === 'rejected');
                });
                reviews.set(runId, answer);
            }
            return answer;
        },
    };
}
/** Intents in a folder, one sub-folder per artifact name holding intent.json (the local runner's artifact layout). */
function folderIntents(dir) {
    return {
        description: `folder ${dir}`,
        async list() {
            if (!(0,external_node_fs_.existsSync)(dir))
                return [];
            return (0,external_node_fs_.readdirSync)(dir)
                .filter((name) => name.startsWith(src/* INTENT_PREFIX */.wZ) && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, name, src/* INTENT_FILE */.cc)))
                .map((name, id) => ({ name, id }));
        },
        async read(artifact) {
            return (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, artifact.name, src/* INTENT_FILE */.cc), 'utf8');
        },
        // A folder is the operator's own copy, outside any workflow run: there is no review to look up.
        async approved() {
            return true;
        },
    };
}
const MAX_INTENT_BYTES = 1_048_576;
function fileInZip(zip) {
    const files = unzipSync(zip, { filter: (f) => f.name === src/* INTENT_FILE */.cc && f.originalSize <= MAX_INTENT_BYTES });
    const file = files[src/* INTENT_FILE */.cc];
    if (!file)
        throw new src/* UserError */.yo({ field: 'artifact', rule: `holds no ${src/* INTENT_FILE */.cc} of at most 1 MB` });
    return new TextDecoder().decode(file);
}
/**
 * Takes new intents in: skips those the ledger holds (by the name's employee id and event hash, nothing
 * downloaded), reads and verifies the rest as validate does, and records each accepted event as the person's
 * newest, not yet applied (`unapplied_event`), with the details a rerun needs, in one commit per chunk. The
 * stale rule and the event's applicability are checked against the record as the commit finds it.
 * The intake is its own commit, though it could ride with the identity job's first results: a drain job
 * without it is quicker, so fewer HR events wait to share the next one, and the later steps' jobs each get
 * fewer people (README, "Where the code departs from the shared design": measured slower at 200 hires).
 */
async function takeIntentsIn(o) {
    const report = { recorded: [], refused: [], waiting: [], held: 0, unreviewed: [] };
    const listed = await o.source.list();
    const named = listed
        .map((a) => ({ artifact: a, parsed: parseIntentName(a.name) }))
        .filter((x) => !!x.parsed);
    const own = ownIntentName(o.ownEvent);
    const ownParsed = own ? parseIntentName(own) : undefined;
    const ids = [...new Set([...named.map((x) => x.parsed.employeeId), ...(ownParsed ? [ownParsed.employeeId] : [])])];
    // Which events the ledger holds: from its index where current, else from the record.
    const summaries = ids.length ? await o.ledger.summaries(ids) : new Map();
    const unindexed = ids.filter((id) => !summaries.has(id));
    const records = unindexed.length ? await o.ledger.getMany(unindexed) : new Map();
    const holdsFor = (id, hash) => summaries.get(id)?.held.includes(hash) ?? holds(records.get(id), hash);
    const received = [];
    const verify = (artifact, text) => {
        try {
            return verifyIntent(text, artifact, o);
        }
        catch (error) {
            report.refused.push({ artifact, rule: ruleOf(error), own: artifact === own });
            return undefined;
        }
    };
    const receive = (artifact, event) => received.push({ artifact, hash: (0,src/* eventHash */.Di)(event.eventId), event });
    if (own && ownParsed) {
        if (holdsFor(ownParsed.employeeId, ownParsed.hash))
            report.held++;
        else {
            const event = verify(own, o.ownEvent);
            if (event)
                receive(own, event);
        }
    }
    for (const { artifact, parsed } of named) {
        if (artifact.name === own)
            continue;
        if (holdsFor(parsed.employeeId, parsed.hash)) {
            report.held++;
            continue;
        }
        let text;
        try {
            text = await o.source.read(artifact);
        }
        catch (error) {
            report.refused.push({ artifact: artifact.name, rule: `could not be read: ${ruleOf(error)}`, own: false });
            continue;
        }
        const event = verify(artifact.name, text);
        if (!event)
            continue;
        // The run's own event passed its review (this job runs); another run's joiner waits for its reviewer.
        if (REVIEWED_TYPES.includes(event.type) && !(await o.source.approved(artifact))) {
            report.unreviewed.push(artifact.name);
            continue;
        }
        receive(artifact.name, event);
    }
    // Oldest first, so each person's events are recorded in the order HR sent them; at the same instant an onboard
    // before a role change before an offboard.
    const order = (x) => src/* EVENT_TYPES */.Ru.indexOf(x.event.type);
    received.sort((a, b) => (0,src/* isNewer */.U4)(a.event.occurredAt, b.event.occurredAt)
        ? 1
        : (0,src/* isNewer */.U4)(b.event.occurredAt, a.event.occurredAt)
            ? -1
            : order(a) - order(b));
    const byPerson = new Map();
    for (const r of received)
        byPerson.set(r.event.employeeId, [...(byPerson.get(r.event.employeeId) ?? []), r]);
    const people = [...byPerson.keys()];
    for (let i = 0; i < people.length; i += INTAKE_CHUNK) {
        const chunk = people.slice(i, i + INTAKE_CHUNK);
        // Outcomes of the last attempt only: updateMany re-applies every mutation after a conflict.
        let outcome = new Map();
        await o.ledger.updateMany(chunk.map((employeeId) => ({
            employeeId,
            mutate: (r) => {
                const list = byPerson.get(employeeId).map((x) => takeIn(r, x));
                outcome.set(employeeId, list);
            },
        })), { event: `intents/${o.runId ?? 'local'}`, step: 'intake' });
        for (const employeeId of chunk)
            byPerson.get(employeeId).forEach((x, n) => {
                const result = outcome.get(employeeId)?.[n];
                if (result === 'recorded')
                    report.recorded.push(employeeId);
                else if (result === 'waiting')
                    report.waiting.push(x.artifact);
                else if (result && result !== 'held')
                    report.refused.push({ artifact: x.artifact, rule: result.refused, own: x.artifact === own });
            });
        outcome = new Map();
    }
    return report;
}
/** Whether the record already holds the event with this hash: taken in before, or its last or newest event. */
const holds = (record, hash) => !!record && heldHashes(record).includes(hash);
/** The intent's event, verified exactly as validate verifies a repository_dispatch event, and true to its name. */
function verifyIntent(text, artifact, o) {
    let file;
    try {
        if (text.length > MAX_INTENT_BYTES)
            throw new Error('too large');
        file = JSON.parse(text);
    }
    catch {
        throw new src/* UserError */.yo({ field: src/* INTENT_FILE */.cc, rule: 'must be a JSON event file of at most 1 MB' });
    }
    const event = (0,src/* parseEvent */.wj)(file, 'repository_dispatch', o.access, {}, {
        eventKeys: (0,src/* parseEventKeys */.I9)(o.eventKey),
        runId: o.runId,
        now: o.now,
    });
    const name = parseIntentName(artifact);
    if (!name || name.employeeId !== event.employeeId || name.hash !== (0,src/* eventHash */.Di)(event.eventId))
        throw new src/* UserError */.yo({
            field: 'artifact name',
            rule: "must be onramp-intent-<the event's employee id>-<its event hash>",
        });
    return event;
}
/** The employee id the run's own event file names, if any. */
const ownEmployeeId = (text) => ownEventIds(text)?.employeeId;
/** The artifact name of the run's own event file, when it is a repository_dispatch event naming a person. */
function ownIntentName(text) {
    const ids = ownEventIds(text);
    return ids && (0,src/* intentName */.Cg)(ids.employeeId, ids.eventId);
}
/**
 * Records one verified event in the person's record (a mutation: re-applied after a ledger conflict). A stale
 * or inapplicable event is refused; an event that waits for the person's earlier one (a role change before the
 * onboard was applied) is left as it is.
 */
function takeIn(r, x) {
    const { event } = x;
    if (holds(r, x.hash))
        return 'held';
    const mark = () => {
        r.received = [...(r.received ?? []).filter((h) => h !== x.hash), x.hash].slice(-RECEIVED_KEPT);
    };
    // The person's newest event, recorded and not yet run by any step.
    const inFlight = r.unapplied_event && !ranFor(r, r.unapplied_event.event_id) ? r.unapplied_event : undefined;
    try {
        (0,src/* assertNotStale */.HN)(event, r.last_event?.occurred_at);
        if (inFlight && (0,src/* isNewer */.U4)(inFlight.occurred_at, event.occurredAt))
            throw new src/* UserError */.yo({
                field: 'client_payload.occurred_at',
                rule: 'older than the event recorded for this person and not yet applied',
            });
        assertApplicable(event, r);
    }
    catch (error) {
        // A role change that arrives before the onboard was run waits for it; a stale event is refused. A refusal
        // writes nothing (a refused event changes nothing, the ledger included): a later drain refuses it again,
        // as a warning, until its artifact expires.
        const stale = error instanceof src/* UserError */.yo && error.problems.some((p) => p.field?.endsWith('occurred_at'));
        if (inFlight && !stale)
            return 'waiting';
        return { refused: ruleOf(error) };
    }
    mark();
    r.unapplied_event = ledgerEvent(event);
    keepPersonDetails(r, event);
    return 'recorded';
}
/** Whether any step recorded a result for this event. */
function ranFor(r, eventId) {
    return Object.values(r.steps).some((s) => s.event_id === eventId);
}
/** The employee id and event id the run's own event file names, if any (not verified: only for selection). */
function ownEventIds(text) {
    if (text === undefined)
        return undefined;
    try {
        const p = JSON.parse(text).client_payload;
        const person = (p?.person ?? p);
        const employeeId = person?.employee_id;
        const eventId = p?.event_id;
        return typeof employeeId === 'string' && typeof eventId === 'string' ? { employeeId, eventId } : undefined;
    }
    catch {
        return undefined;
    }
}
/** Whether the person's newest event is this one, and the steps before this step have done their part for it. */
function isSentAgain(record, step, types, eventId) {
    const last = newestRecorded(record);
    return last?.event_id === eventId && types.includes(last.type) && stepsBeforeDone(record, step, last);
}
/** The event types a drain takes (`event-types` input): all, or a list. */
function parseEventTypes(raw) {
    const list = (raw ?? '')
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean);
    if (!list.length)
        return [...src/* EVENT_TYPES */.Ru];
    const bad = list.filter((t) => !src/* EVENT_TYPES */.Ru.includes(t));
    if (bad.length)
        throw new src/* UserError */.yo({ field: 'with.event-types', rule: `must list ${src/* EVENT_TYPES */.Ru.join(', ')}` });
    return list;
}
function ruleOf(error) {
    if (error instanceof src/* UserError */.yo)
        return error.problems.map(src/* formatProblem */.Vw).join('; ');
    return (0,src/* redactPersonalData */.Ut)(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}
/**
 * A drain's people: the identity job first takes new intents in; then, among the people the retained intent
 * artifacts (and the run's own event) name, everybody this step has work for (isPendingFor). Only those
 * records are read: the candidates are the last days' HR events, not the whole ledger.
 */
async function selectPending(step, o) {
    const intake = o.intake ? await takeIntentsIn(o) : undefined;
    const names = (await o.source.list()).map((a) => parseIntentName(a.name)?.employeeId);
    const own = ownIntentName(o.ownEvent);
    const ownId = own && parseIntentName(own)?.employeeId;
    const ids = [...new Set([...names, ownId])].filter((id) => !!id && !o.skip?.has(id)).sort();
    // The index tells who has work without reading the record; the run's own person is read (sent again, below).
    const summaries = ids.length ? await o.ledger.summaries(ids) : new Map();
    // By the index; a person it does not show yet has work for every step.
    const hasWork = (id, s) => summaries.get(id)?.pending.includes(s) ?? true;
    const read = ids.filter((id) => id === ownId || hasWork(id, step));
    // Every step these people have work for.
    const busy = STEP_NAMES.filter((s) => ids.some((id) => hasWork(id, s)));
    const records = read.length ? await o.ledger.getMany(read) : new Map();
    // The run's own event, sent again while the ledger holds it done, is run again by every step (as one event's
    // run would): a rerun with nothing to do changes nothing, and an offboard re-sends what cannot be read back.
    const again = ownEventIds(o.ownEvent);
    // Another run's joiner got here through the intake, which checked its run's review: its one review job was
    // approved before any access job, and nothing later in that run asks a reviewer again.
    const people = [...records.values()]
        .filter((r) => isPendingFor(r, step, o.types) ||
        (again?.employeeId === r.employee_id && isSentAgain(r, step, o.types, again.eventId)))
        .map((record) => ({ employeeId: record.employee_id, record }));
    return { people, intake, busy };
}

;// CONCATENATED MODULE: ../../packages/ledger/src/tasks.ts
// The people's scheduled tasks as the scheduled run and `pnpm onramp tasks` list them: by due time, then employee
// id, with the time as the organization reads it (guardrails `dates.time-zone`). Employee ids only, never names.

/** How far ahead the scheduled run's summary looks. */
const UPCOMING_DAYS = 14;
const DAY_MS = 86_400_000;
/**
 * How often reconcile.yml runs (every 15 minutes): a task that ran later than this after its due time was
 * missed by the schedule (no run in between, or runs failing), and the summary says how late.
 */
const SCHEDULE_PERIOD_MS = 15 * 60_000;
/** Undone tasks due in the window, by due time, then employee id, then step. */
function listTasks(records, window) {
    const out = [];
    for (const record of records)
        for (const t of record.schedule ?? []) {
            const due = Date.parse(t.due);
            if (t.done_at || due > window.to || (window.from !== undefined && due <= window.from))
                continue;
            if (window.step && t.step !== window.step)
                continue;
            out.push({
                employee_id: record.employee_id,
                step: t.step,
                why: t.why,
                due: t.due,
                local: (0,src/* formatLocal */.xg)(t.due, window.zone),
                ...(t.event_id ? { event_id: t.event_id } : {}),
                ...(t.grant_id ? { grant_id: t.grant_id } : {}),
            });
        }
    return out.sort((a, b) => a.due.localeCompare(b.due) || a.employee_id.localeCompare(b.employee_id) || a.step.localeCompare(b.step));
}
/** Tasks due in the next `days` after `now`. */
function upcomingTasks(records, now, zone, options = {}) {
    return listTasks(records, { from: now, to: now + (options.days ?? UPCOMING_DAYS) * DAY_MS, zone, step: options.step });
}
/** The step's tasks a run stamped done: in `after` with done_at, not done in `before`. */
function tasksRan(before, after, step) {
    const doneBefore = new Set((before ?? []).filter((t) => t.done_at).map(src/* taskKey */.Do));
    return (after ?? [])
        .filter((t) => t.step === step && t.done_at && !doneBefore.has((0,src/* taskKey */.Do)(t)))
        .map((t) => ({
        step: t.step,
        why: t.why,
        due: t.due,
        late_ms: t.late_ms ?? Math.max(0, Date.parse(t.done_at) - Date.parse(t.due)),
        ...(t.event_id ? { event_id: t.event_id } : {}),
        ...(t.grant_id ? { grant_id: t.grant_id } : {}),
    }));
}
/** `3 h 5 min`, `2 d 4 h`, `40 s`: how late, for a person to read. */
function formatLate(ms) {
    const s = Math.round(ms / 1000);
    if (s < 60)
        return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60)
        return `${m} min`;
    const h = Math.floor(m / 60);
    if (h < 24)
        return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
    const d = Math.floor(h / 24);
    return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
/** One task run, for the summary: `github early due 2026-12-14 00:00 Europe/Berlin, 3 h 5 min late (missed schedule)`. */
function describeRun(t, zone) {
    const late = t.late_ms > SCHEDULE_PERIOD_MS ? `, ${formatLate(t.late_ms)} late (missed schedule)` : ', on time';
    return `${t.why} due ${(0,src/* formatLocal */.xg)(t.due, zone)}${late}`;
}

;// CONCATENATED MODULE: ../../packages/ledger/src/converge.ts
// A converge run: one action, many people, one process. Each person's step is exactly the workflow_dispatch
// rerun of their last HR event (beginStep fills it from the ledger and plans it with the current role map), so
// the items, the reconcile loop, the verification and the ledger record are an HR event's. The action builds its
// API clients once and hands them to every person: the run has one rate budget per system, not one per person.
// Each person's outcome is their own: a failure, even a thrown error, never stops the others; the run reports
// everybody once (summary table, `results` and `changes` outputs, audit lines) and fails if anyone failed.
//
// It is also the scheduler: a person with a scheduled task due at the clock's now (record.schedule) is waiting
// work like a pending invitation, run for real even in a report, and the run says which tasks it did and how
// late, and which come next.











/** Most people one run takes: past that, split the list (or let the scheduled run catch up). */
const MAX_PEOPLE = 5000;
/** The inputs every access action (and notify) adds for a converge run. */
const CONVERGE_INPUTS = {
    /**
     * Newline- or comma-separated employee ids, `all`, `affected` (the people the access plan of base-roles-file →
     * the role map gives or takes something), or `due` (the people with a scheduled task due or waiting work for
     * this step); empty: one person, from the event (lifecycle.yml).
     */
    'employee-ids': src/* input */.hF.optional(),
    /**
     * In a dry run, still run for real each person with waiting work for this step: a last result pending or
     * deferred, or a scheduled task due.
     */
    'repair-waiting': src/* input */.hF.boolean(false),
    /** With `affected`: the role map before the change (a push's before commit); absent: the ledger's granted items. */
    'base-roles-file': src/* input */.hF.optional(),
    /** With `affected`: a one-off number of removals allowed past the guard, given through a reviewed environment. */
    allowance: src/* input */.hF.integer({ default: 0, min: 0, max: 1_000_000 }),
    /** With `pending`: the event types this drain takes (default all; a leavers' drain takes offboard). */
    'event-types': src/* input */.hF.optional(),
    /** With `pending`: where the HR events' intents are, `github` (this repository's artifacts) or `file:<dir>`. */
    intents: src/* input */.hF.string({ default: 'github', pattern: /^(github|file:.+)$/, rule: 'must be github or file:<dir>' }),
    /** With `pending` and `intents: github`: a token that may read this repository's artifacts (actions: read). */
    'intents-token': src/* input */.hF.secret({ required: false }),
    /**
     * With `pending`: run at most this many people (0: everybody): events this step has not run yet, oldest first,
     * before retries of its failures. The new events left out stay pending for the next run, counted in the `left`
     * output (lifecycle.yml's identity job wakes a run for them).
     */
    wave: src/* input */.hF.integer({ default: 0, min: 0, max: MAX_PEOPLE }),
};
/** The step results that are onramp's own unfinished work: an invitation not accepted yet, or past the cap. */
const WAITING = ['pending', 'deferred'];
/**
 * `all`, `affected`, `due` (people with a scheduled task due or waiting work), `pending` (a drain of HR events:
 * intents.ts), or the listed ids (newlines, commas or spaces between them), checked and de-duplicated.
 */
function parseEmployeeIds(raw) {
    const field = 'with.employee-ids';
    const list = raw
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean);
    const words = ['all', 'affected', 'due', 'pending'];
    for (const word of words)
        if (list.length === 1 && list[0] === word)
            return { [word]: true };
    if (list.length === 0)
        throw new src/* UserError */.yo({ field, rule: 'must list employee ids or be all, affected, due or pending' });
    if (words.some((w) => list.includes(w)))
        throw new src/* UserError */.yo({ field, rule: 'all, affected, due and pending stand alone, not in a list' });
    const bad = list.filter((id) => !src/* EMPLOYEE_ID_PATTERN */.S3.test(id)).length;
    if (bad)
        throw new src/* UserError */.yo({ field, rule: `${bad} entries are not employee ids (1-64 of A-Z a-z 0-9 . _ -)` });
    const ids = [...new Set(list)];
    if (ids.length > MAX_PEOPLE)
        throw new src/* UserError */.yo({ field, rule: `at most ${MAX_PEOPLE} people per run` });
    return { ids };
}
/**
 * `all`: every person whose record is active, or holds an event not applied yet (a failed onboard is retried,
 * a failed offboard revoked again), or a scheduled task of this step not done yet (a leaver's post-leave steps
 * run after the offboard). Offboarded people with nothing pending are left alone.
 */
function isConverged(record, step) {
    return (record.status === 'active' ||
        record.unapplied_event !== undefined ||
        Boolean(record.schedule?.some((t) => t.step === step && !t.done_at)));
}
/**
 * Whether this step has onramp's own waiting work for the person at `now`: its last result for the current event
 * is pending or deferred (see WAITING), or one of its scheduled tasks is due (a start date, a last day, a grant's
 * end): what a report runs for real (repair-waiting) and what `due` selects.
 */
function isWaiting(record, step, now) {
    const last = newestRecorded(record);
    const s = record.steps[step];
    if (last && s && s.event_id === last.event_id && WAITING.includes(s.result))
        return true;
    return (0,src/* dueTasks */.fl)(record.schedule ?? [], now).some((t) => t.step === step);
}
/**
 * A converge run writes its people's step results to the ledger in one commit per chunk (Ledger.updateMany), not
 * one per person: every 25 people, or once the oldest unwritten result is 30 seconds old (rate-limit waits make a
 * chunk slow), and at the end. A crash loses at most one chunk's records, never access: the systems hold what
 * was done, and the next run reads it back and records it.
 */
const LEDGER_CHUNK = { people: 25, ms: 30_000 };
const converge_TITLES = {
    identity: 'identity provider',
    github: 'GitHub',
    aws: 'AWS IAM',
    notify: 'notifications',
};
/**
 * Runs `runPerson` for each selected person with inputs naming them (their last event's type; `dry-run` per
 * person), and a batch that shares the access files and the ledger and collects the outcome. The action's
 * runPerson closes over its shared clients.
 */
async function forEachPerson(name, inputs, runPerson, options = {}) {
    const env = options.env ?? process.env;
    refuseSinglePersonInputs(inputs);
    const selection = parseEmployeeIds(inputs.employeeIds ?? '');
    if (inputs.state === 'none')
        throw new src/* UserError */.yo({ field: 'with.state', rule: 'a converge run (employee-ids) needs the ledger, not none' });
    const access = (0,src/* loadAccess */.xf)({ rolesFile: inputs.rolesFile, guardrailsFile: inputs.guardrailsFile });
    // A drain (see below) writes the ledger while the other systems' drains do: its client spends its share.
    const drains = 'pending' in selection || Boolean(inputs.intentsToken);
    const ledger = await openStepLedger(inputs, env, {
        ...options,
        contentShare: drains ? DRAIN_SHARE.ledger : undefined,
        // The jobs of one group follow one another: each goes on from the share the last one left (GithubStore).
        // Joiners and leavers drain in groups of their own (lifecycle.yml), told apart by the event types they take.
        group: drains ? `${name}/${parseEventTypes(inputs.eventTypes).join('+')}` : undefined,
        policy: drains ? DRAIN_LEDGER_POLICY : undefined,
    });
    let all;
    const records = async () => {
        all ??= await readAllRecords(ledger);
        return all;
    };
    let accessPlan;
    if ('affected' in selection) {
        const base = inputs.baseRolesFile && (0,external_node_fs_.existsSync)(inputs.baseRolesFile)
            ? (0,src/* loadAccess */.xf)({ rolesFile: inputs.baseRolesFile, guardrailsFile: inputs.guardrailsFile })
            : undefined;
        accessPlan = (0,src/* planAccess */.SW)({
            base,
            head: access,
            records: await records(),
            allowance: inputs.allowance || undefined,
            now: (options.clock ?? src/* systemClock */.ml).now(),
        });
        // grants.yaml entries that cannot be applied (an unknown or offboarded person, too long): nobody is touched.
        if (accessPlan.grants.problems.length)
            throw new src/* UserError */.yo(accessPlan.grants.problems.map((p) => ({ file: 'grants.yaml', ...p })));
        if (!accessPlan.guard.ok) {
            await refuse(name, accessPlan, env);
            return { step: name, result: 'failed', people: [], refused: accessPlan.guard.reason };
        }
    }
    const clock = options.clock ?? src/* systemClock */.ml;
    // One now for the run's choices: who is due, who runs for real, what is upcoming.
    const now = clock.now();
    // A drain; or an apply or reconcile given intents-token, which shares the drains' group (lifecycle.yml) and
    // may replace a pending drain job: it drains too, so nobody's HR event waits for the next one.
    const drain = drains ? await drainOptions(name, inputs, access, ledger, env, options) : undefined;
    let intake;
    let people = [];
    /** People whose newest HR event this step has not run yet: run for real, whatever the run's mode. */
    const fresh = new Set();
    /** People pending that a wave left for the next run. */
    let left = 0;
    /** The steps the index shows work for, for the people the HR events' intents name (after the intake). */
    let drainBusy = [];
    if (drain) {
        const pending = await selectPending(name, drain);
        intake = pending.intake;
        drainBusy = pending.busy;
        for (const { employeeId, record } of pending.people)
            if (record.steps[name]?.event_id !== newestRecorded(record)?.event_id)
                fresh.add(employeeId);
        // A wave: waiting work first (queueOrder), then events this step has not run yet, oldest first, then retries
        // of its failures. Only new events left out count as `left`: a failure retried in every wave would otherwise
        // fill each wave and wake runs for ever, while the people behind it waited.
        const rank = (p) => (fresh.has(p.employeeId) ? 0 : 1);
        people = queueOrder([...pending.people].sort((a, b) => rank(a) - rank(b) || eventTime(a.record) - eventTime(b.record)), name, now);
        if (inputs.wave && people.length > inputs.wave) {
            left = people.slice(inputs.wave).filter((p) => fresh.has(p.employeeId)).length;
            people = people.slice(0, inputs.wave);
        }
        // Once the intake's commit is in (its people are pending now); the intake itself spends a quarter (DRAIN_SHARE).
        await refreshDrainShares(name, ledger, people.length);
    }
    if (!('pending' in selection)) {
        const selected = await selectPeople(ledger, selection, name, now, () => accessPlan, records);
        // The drain's records are the newer (read after its intake).
        const drained = new Map(people.map((p) => [p.employeeId, p]));
        const ids = new Set(selected.map((x) => x.employeeId));
        people = [...selected.map((x) => drained.get(x.employeeId) ?? x), ...people.filter((p) => !ids.has(p.employeeId))];
    }
    people = queueOrder(people, name, now);
    const idle = 'due' in selection ? idleSteps(await records(), now, drainBusy) : undefined;
    const outcomes = new Map();
    const notes = new Map();
    /** People run so far: the rest, and the results held, are this drain's work still to commit. */
    let ran = 0;
    const writer = new ChunkWriter(ledger, name, env, clock, options.chunk ?? LEDGER_CHUNK, 
    // A drain's shares are set again before each commit: the work pending has moved.
    drain ? (held) => refreshDrainShares(name, ledger, held + Math.max(0, people.length - ran)) : undefined);
    // Each person's step's change, applied after it to a copy of the record: which tasks it stamped done.
    const recorded = new Map();
    const batch = {
        access,
        ledger,
        report: (id, outcome, note) => {
            outcomes.set(id, outcome);
            if (note)
                notes.set(id, note);
        },
        record: (id, change) => {
            writer.take(id, change);
            if (!change.ifThrown)
                recorded.set(id, change.mutate);
        },
        read: (id) => selected.get(id),
    };
    /** The records of the people run, as read when they were selected (Batch.read). */
    const selected = new Map();
    const results = [];
    const fail = (ids, reason) => {
        for (const p of results)
            if (ids.includes(p.employee_id)) {
                p.result = 'failed';
                p.failed.push({ item: 'ledger', reason });
            }
    };
    const size = (options.chunk ?? LEDGER_CHUNK).people;
    const stop = onCancel(() => options.onStop?.(ledger));
    const runAll = async (list) => {
        for (const [n, { employeeId, record }] of list.entries()) {
            ran++;
            if (stop.cancelled) {
                results.push(failedPerson(employeeId, 'not run: the job was cancelled'));
                continue;
            }
            selected.set(employeeId, record);
            if (options.beforeChunk && n % size === 0)
                await options.beforeChunk(list
                    .slice(n, n + size)
                    .map((p) => p.record)
                    .filter((r) => r !== undefined), ledger);
            const last = record && newestRecorded(record);
            if (!record || !last) {
                results.push(failedPerson(employeeId, 'no ledger record with an HR event: nothing to converge'));
                continue;
            }
            const dryRun = inputs.dryRun && !(inputs.repairWaiting && isWaiting(record, name, now)) && !fresh.has(employeeId);
            const personInputs = { ...inputs, employeeId, eventType: last.type, dryRun };
            try {
                await runPerson(personInputs, batch);
                const outcome = outcomes.get(employeeId);
                const result = outcome
                    ? personResult(employeeId, dryRun, outcome)
                    : failedPerson(employeeId, 'ended without a result');
                const tasks = stampedTasks(record, recorded.get(employeeId), name);
                if (tasks.length)
                    result.tasks = tasks;
                results.push(result);
                writer.settled(employeeId, false);
            }
            catch (error) {
                // This person only: the error is theirs (recorded as their step's failure), the run goes on.
                results.push({ ...failedPerson(employeeId, describe(error)), dry_run: dryRun });
                writer.settled(employeeId, true);
            }
            const lost = await writer.flushIfDue();
            if (lost)
                fail(...lost);
        }
        const lost = await writer.flush();
        if (lost)
            fail(...lost);
    };
    try {
        await runAll(people);
    }
    finally {
        await stop.done();
    }
    // A person's later event that waited for their earlier one (a role change behind the onboard) is taken in
    // once that one ran, in the same run: no other run may come to take it.
    for (let round = 0; drain && intake?.waiting.length && round < 3 && !stop.cancelled; round++) {
        const again = await selectPending(name, drain);
        const taken = again.intake?.recorded ?? [];
        intake = mergeIntake(intake, again.intake);
        if (!taken.length)
            break;
        await runAll(queueOrder(again.people.filter((p) => taken.includes(p.employeeId)), name, now));
    }
    const run = { step: name, result: (0,src/* worst */.QZ)(results.map((r) => r.result)), people: results };
    // No wake-up after results the ledger lost: they are still new, and the next run would meet the same ledger
    // and wake another, without end. The next HR event or the scheduled reconcile takes them.
    if (drain)
        run.left = results.some((p) => p.failed.some((f) => f.item === 'ledger')) ? 0 : left;
    if (idle)
        run.idle = idle;
    if (accessPlan)
        run.plan = planLine(accessPlan);
    // Upcoming over everybody the run read: the whole ledger for all, affected and due; the listed people else.
    const read = all ?? people.flatMap((p) => (p.record ? [p.record] : []));
    run.time_zone = access.guardrails.dates.timeZone;
    run.upcoming = upcomingTasks(read, now, run.time_zone, { step: name });
    const ownId = ownEmployeeId(drain?.ownEvent);
    const ownOutcome = ownId ? outcomes.get(ownId) : undefined;
    if (ownId && ownOutcome)
        run.own = { employee_id: ownId, receipts: ownOutcome.receipts, note: notes.get(ownId) };
    if (intake) {
        run.intake = intake;
        // The run's own event refused (stale, or not for this person's state) fails it, as before drains.
        if (intake.refused.some((r) => r.own))
            run.result = 'failed';
    }
    await report(run, inputs.dryRun, env);
    return run;
}
/**
 * Watches for the runner's cancellation signals while a run goes through its people (GitHub sends SIGINT, then
 * SIGTERM 7.5 s later, and kills the process 2.5 s after that). On the first, `cancelled` turns true and `stop`
 * runs once; `done()` stops listening and waits for it. A signal listener also keeps Node from exiting at once:
 * the person in flight finishes and the results held are written.
 */
function onCancel(stop) {
    let stopping;
    const listener = (signal) => {
        if (stopping)
            return;
        core/* warning */.$e(`onramp: ${signal}: the job was cancelled; nobody else is started and the results so far are written`);
        stopping = Promise.resolve(stop()).catch((error) => core/* warning */.$e(`onramp: what a cancelled run writes at once did not land: ${describe(error)}`));
    };
    const signals = ['SIGINT', 'SIGTERM'];
    for (const s of signals)
        process.on(s, listener);
    return {
        get cancelled() {
            return stopping !== undefined;
        },
        async done() {
            for (const s of signals)
                process.off(s, listener);
            await stopping;
        },
    };
}
/** The step's tasks the person's recorded change stamps done (step.ts's recording), read off a copy. */
function stampedTasks(record, mutate, step) {
    if (!mutate || !record.schedule?.length)
        return [];
    const copy = structuredClone(record);
    try {
        const after = mutate(copy) ?? copy;
        return tasksRan(record.schedule, after.schedule, step);
    }
    catch {
        return []; // the write applies it again and reports its own failure
    }
}
/**
 * Holds each person's ledger change (step.finish in batch mode) and writes them with Ledger.updateMany: one commit
 * per chunk, a conflict re-read and re-applied by updateMany, all of a chunk or none. What must reach the ledger
 * before the next call still goes one person at a time, outside this: notify's notice intents are committed
 * (Ledger.update) before each send; a converge run sends no notices (notify's runMany), so it writes none.
 */
class ChunkWriter {
    ledger;
    step;
    env;
    clock;
    chunk;
    beforeCommit;
    held = new Map();
    since;
    constructor(ledger, step, env, clock, chunk, beforeCommit) {
        this.ledger = ledger;
        this.step = step;
        this.env = env;
        this.clock = clock;
        this.chunk = chunk;
        this.beforeCommit = beforeCommit;
    }
    take(employeeId, change) {
        this.held.set(employeeId, { change: { employeeId, mutate: change.mutate }, ifThrown: Boolean(change.ifThrown) });
    }
    /** The person's step ended: a failure recorded in case it threw is dropped when it did not. */
    settled(employeeId, threw) {
        const held = this.held.get(employeeId);
        if (held?.ifThrown && !threw)
            this.held.delete(employeeId);
        else if (held)
            this.since ??= this.clock.now();
    }
    async flushIfDue() {
        const old = this.since !== undefined && this.clock.now() - this.since >= this.chunk.ms;
        return this.held.size >= this.chunk.people || old ? this.flush() : undefined;
    }
    /** Writes what is held; on a failure past the retries, the people whose result did not land and why. */
    async flush() {
        const held = [...this.held.values()];
        this.held.clear();
        this.since = undefined;
        if (!held.length)
            return undefined;
        const run = `converge/${this.env.GITHUB_RUN_ID ?? 'local'}`;
        try {
            await this.beforeCommit?.(held.length);
            await this.ledger.updateMany(held.map((h) => h.change), { event: run, step: this.step });
            return undefined;
        }
        catch (error) {
            return [held.map((h) => h.change.employeeId), `not recorded in the ledger: ${describe(error)}`];
        }
    }
}
/**
 * GitHub's content-creating requests a minute, shared by the four system jobs that drain at once (one per group):
 * each job's ledger client, and grant-github's client for invitations, spend a share, so their sum stays under
 * GitHub's 80 a minute. A share follows the work: what each step's drain needs for the people the ledger's index
 * shows pending for it (drainNeed), split max-min fair (setDrainShares), set when the drain selects its people and
 * again before each chunk's commit. A step with nothing pending keeps one commit a minute. Until the drain
 * has read the index (its intake), its ledger commits spend a quarter and it sends no invitation.
 */
const DRAIN_SHARE = {
    ledger: new src/* ContentShare */.Pd('drain ledger', 0.25),
    system: new src/* ContentShare */.Pd('drain system', 0),
};
/**
 * What a drain of `step` needs of GitHub's content-creating requests for `n` people: commits and invitations.
 * Nothing for nobody: a job with no work keeps the floor of one commit a minute (githubBudget), taken off the top.
 */
function drainNeed(step, n) {
    if (n === 0)
        return { ledger: 0, system: 0 };
    // One commit per chunk of results.
    const results = src/* LEDGER_COMMIT_WRITES */.lw * Math.ceil(n / LEDGER_CHUNK.people);
    switch (step) {
        case 'identity':
            return { ledger: src/* LEDGER_COMMIT_WRITES */.lw + results, system: 0 }; // the intake's commit first
        case 'github':
            return { ledger: results, system: n }; // an invitation each, at most
        case 'aws':
            return { ledger: results, system: 0 };
        case 'notify':
            return { ledger: 2 * results, system: 0 }; // a commit of the notices' intents before each chunk
    }
}
/**
 * Sets this process's shares (DRAIN_SHARE) for `step` from the people pending for each step. The minute is split
 * max-min fair: a step that needs less than an even split gets all it needs, and the rest is split among the
 * others the same way. Proportional shares starved a small need beside a large one: identity's few commits (one
 * per 25 people, and every later step waits on them) beside grant-github's invitation per person came to one
 * commit a minute, so identity went on at 25 people a minute. When all the needs fit in the minute, each gets its
 * need and a part of what is left in proportion to it.
 */
function setDrainShares(step, pending) {
    const needs = STEP_NAMES.map((s) => drainNeed(s, pending[s]));
    const totals = needs.map((n) => n.ledger + n.system);
    // What the steps without work may still spend: one commit a minute each, of GitHub's 80.
    const idle = totals.filter((t) => t === 0).length;
    const minute = src/* GITHUB_LIMITS */.f_.contentPerMinute - idle * src/* LEDGER_COMMIT_WRITES */.lw;
    const i = STEP_NAMES.indexOf(step);
    const own = needs[i];
    // Within the job too: its chunk commits wait for nothing behind its invitations (a job runs one person at a time).
    const [ledger, system] = fairShares([own.ledger, own.system], fairShares(totals, minute)[i]);
    DRAIN_SHARE.ledger.fraction = ledger / src/* GITHUB_LIMITS */.f_.contentPerMinute;
    DRAIN_SHARE.system.fraction = system / src/* GITHUB_LIMITS */.f_.contentPerMinute;
}
/** `capacity` split over `needs`: max-min fair when they exceed it, else each need plus its part of the rest. */
function fairShares(needs, capacity) {
    const sum = needs.reduce((a, b) => a + b, 0);
    if (sum <= capacity)
        return needs.map((n) => (sum ? (n / sum) * capacity : 0));
    const out = needs.map(() => 0);
    let left = capacity;
    const order = needs.map((n, i) => [n, i]).sort((a, b) => a[0] - b[0]);
    order.forEach(([n, i], k) => {
        out[i] = Math.min(n, left / (order.length - k));
        left -= out[i];
    });
    return out;
}
/**
 * Sets this process's drain shares from the ledger's index and `own`, the people this job has still to commit;
 * without an index, the shares stay as they were.
 */
async function refreshDrainShares(step, ledger, own) {
    const summaries = await ledger.summaries();
    if (!summaries.size)
        return;
    const pending = { identity: 0, github: 0, aws: 0, notify: 0 };
    for (const { pending: steps } of summaries.values())
        for (const s of steps)
            pending[s]++;
    // This job's own work, which the index may not show (a record just written through the contents API).
    pending[step] = Math.max(pending[step], own);
    setDrainShares(step, pending);
}
/**
 * A drain's ledger commits meet the other systems' drains committing to the same branch, each paced by its
 * share: a lost compare-and-swap is re-read and re-applied for longer than one job's write would wait.
 */
const DRAIN_LEDGER_POLICY = { baseMs: 200, capMs: 5000, maxAttempts: 40, deadlineMs: 600_000 };
/** What a drain (`employee-ids: pending`) reads: the intents, the event key, the run's own event, the types. */
async function drainOptions(name, inputs, access, ledger, env, options) {
    const ownEvent = env.GITHUB_EVENT_NAME === 'repository_dispatch' && env.GITHUB_EVENT_PATH
        ? (0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8')
        : undefined;
    let source;
    const where = inputs.intents ?? 'github';
    if (where.startsWith('file:'))
        source = folderIntents((0,external_node_path_.resolve)(where.slice('file:'.length)));
    else {
        if (!inputs.intentsToken)
            throw new src/* UserError */.yo({
                field: 'with.intents-token',
                rule: 'required for employee-ids: pending with intents: github',
            });
        if (!env.GITHUB_REPOSITORY)
            throw new src/* UserError */.yo({ field: 'GITHUB_REPOSITORY', rule: 'must name owner/name' });
        const { createOctokit } = await Promise.all(/* import() */[__nccwpck_require__.e(377), __nccwpck_require__.e(714)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8714));
        const octokit = createOctokit({
            token: inputs.intentsToken,
            baseUrl: options.apiUrl ?? env.GITHUB_API_URL ?? 'https://api.github.com',
            clock: options.clock,
            fast: options.fast,
        });
        source = githubIntents(octokit, env.GITHUB_REPOSITORY);
    }
    return {
        access,
        ledger,
        source,
        eventKey: inputs.eventKey,
        ownEvent,
        runId: env.GITHUB_RUN_ID,
        now: () => new Date((options.clock ?? src/* systemClock */.ml).now()),
        types: parseEventTypes(inputs.eventTypes),
        intake: name === 'identity',
    };
}
function mergeIntake(a, b) {
    if (!b)
        return a;
    return {
        recorded: [...a.recorded, ...b.recorded],
        refused: [...a.refused, ...b.refused.filter((x) => !a.refused.some((y) => y.artifact === x.artifact))],
        waiting: b.waiting,
        held: a.held,
        unreviewed: b.unreviewed,
    };
}
/**
 * Waiting work first, first come first served: people whose step is deferred (past a cap) go before everybody
 * else, by start date (as HR sent it), then by their event's time, so the cap's free places go to the earliest
 * start. Everybody else keeps the selection's order.
 */
function queueOrder(people, step, now) {
    const deferred = (p) => p.record !== undefined && isWaiting(p.record, step, now) && p.record.steps[step]?.result === 'deferred';
    // ISO strings: a start date (YYYY-MM-DD) sorts before any time on that day.
    const key = (r) => {
        const last = newestRecorded(r);
        const at = last ? new Date(last.occurred_at).toISOString() : '';
        const start = r.person?.start_date ?? last?.payload?.start_date;
        return [typeof start === 'string' ? start : at, at];
    };
    const waiting = people.filter(deferred).sort((a, b) => {
        const [x, y] = [key(a.record), key(b.record)];
        return x[0].localeCompare(y[0]) || x[1].localeCompare(y[1]);
    });
    return [...waiting, ...people.filter((p) => !deferred(p))];
}
/** When a record's newest HR event happened (ms): a drain's waves go oldest first. */
function eventTime(record) {
    const last = record && newestRecorded(record);
    return last ? Date.parse(last.occurred_at) || 0 : 0;
}
/** Inputs that name one person make no sense for many: refused rather than applied to everybody. */
function refuseSinglePersonInputs(inputs) {
    const problems = [];
    for (const [key, field] of [
        ['employeeId', 'employee-id'],
        ['eventType', 'event-type'],
        ['email', 'email'],
        ['name', 'name'],
        ['role', 'role'],
    ])
        if (inputs[key])
            problems.push({ field: `with.${field}`, rule: 'names one person: not allowed with employee-ids' });
    if (problems.length)
        throw new src/* UserError */.yo(problems);
}
/**
 * The steps with nothing for a `due` run to do: nobody's record has waiting work for them at `now` (isWaiting),
 * and no HR event a drain would take names someone with work for them (`busy`, from the ledger's index).
 * reconcile.yml starts no job for them: each job started is a billed runner minute at least.
 */
function idleSteps(records, now, busy = []) {
    return STEP_NAMES.filter((step) => !busy.includes(step) && !records.some((r) => isWaiting(r, step, now)));
}
/**
 * The people to converge, with their records: `all` through readAllRecords (the one way to list the ledger);
 * `affected` the access plan's people, or nobody when its guard refuses (the run then changes nothing); `due`
 * those with waiting work for this step at `now` (a task due, a pending or deferred result): the cheap run,
 * which reads the ledger but calls the systems only for them.
 */
async function selectPeople(ledger, selection, step, now, plan, records) {
    if ('ids' in selection) {
        const out = [];
        for (const employeeId of selection.ids)
            out.push({ employeeId, record: await ledger.get(employeeId) });
        return out;
    }
    const everybody = await records();
    let chosen = 'due' in selection
        ? everybody.filter((r) => isWaiting(r, step, now))
        : everybody.filter((r) => isConverged(r, step));
    if ('affected' in selection) {
        // The plan's people, and anyone whose last event is not applied: a failure the last run left is retried.
        const ids = new Set(plan().people.map((p) => p.employee_id));
        chosen = chosen.filter((r) => ids.has(r.employee_id) || r.unapplied_event !== undefined);
    }
    if (chosen.length > MAX_PEOPLE)
        throw new src/* UserError */.yo({ field: 'with.employee-ids', rule: `more than ${MAX_PEOPLE} people: list them in parts` });
    return chosen.map((record) => ({ employeeId: record.employee_id, record }));
}
function planLine(plan) {
    const systems = Object.entries(plan.counts.by_system)
        .map(([s, c]) => `${s} +${c?.add ?? 0} −${c?.remove ?? 0} (${c?.people ?? 0} people)`)
        .join(', ');
    return `Access plan: ${plan.counts.affected} of ${plan.counts.managed} managed people affected${systems ? `: ${systems}` : ''}; guard ok (${plan.guard.removals} removals).`;
}
/** The guard said no: nothing is changed, and the step fails saying what to do. */
async function refuse(name, plan, env) {
    (0,src/* setOutputs */.n0)({ result: 'failed', results: {}, changes: {}, 'failed-ids': '', 'employee-ids': '', guard: 'over' });
    const lines = [
        `## onramp: ${converge_TITLES[name]}, refused by the mass-change guard`,
        '',
        `${plan.counts.affected} people would change, with ${plan.guard.removals} removals (${Math.round(plan.guard.share * 100)}% of ${plan.counts.managed} managed people lose something). Nothing was changed.`,
        '',
        (0,src/* mdText */.bC)(plan.guard.reason ?? ''),
    ];
    await (0,src/* writeSummaryMarkdown */.nh)(`${lines.join('\n')}\n`);
    (0,src/* createAuditLog */.iL)().log({
        event: `converge-${env.GITHUB_RUN_ID ?? 'local'}`,
        step: name,
        employee_id: '*',
        result: 'refused',
        removals: plan.guard.removals,
    });
    core/* setFailed */.C1(`onramp ${name}: refused by the mass-change guard: ${plan.guard.reason ?? ''}`);
}
function personResult(employeeId, dryRun, outcome) {
    return {
        employee_id: employeeId,
        result: outcome.result,
        dry_run: dryRun,
        // A deferred item changed nothing yet: it is waiting, not a change.
        changes: outcome.receipts
            .filter((r) => r.action !== 'none' && r.result !== 'failed' && r.result !== 'deferred')
            .map((r) => r.item),
        failed: outcome.receipts.filter((r) => r.result === 'failed').map(failure),
        // Deferred work, and pending work past its deadline (an invitation unaccepted too long): what a person must chase.
        waiting: outcome.receipts
            .filter((r) => r.result === 'deferred' || (r.result === 'pending' && r.reason?.startsWith('overdue:')))
            .map(failure),
    };
}
const failure = (r) => ({ item: r.item, reason: r.reason ?? 'failed' });
function failedPerson(employeeId, reason) {
    return {
        employee_id: employeeId,
        result: 'failed',
        dry_run: false,
        changes: [],
        failed: [{ item: 'step', reason }],
        waiting: [],
    };
}
function describe(error) {
    if (error instanceof src/* UserError */.yo)
        return error.problems.map(src/* formatProblem */.Vw).join('; ');
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return (0,src/* redactPersonalData */.Ut)(`unexpected failure (a bug or an outage): ${message}`);
}
/** Outputs, the JSON report file, the job summary, the audit line, and the step's failure: once per run. */
async function report(run, dryRun, env) {
    const failed = run.people.filter((p) => p.result === 'failed');
    const file = (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_namespaceObject.tmpdir)(), `onramp-${run.step}-converge.json`);
    (0,external_node_fs_.writeFileSync)(file, `${JSON.stringify(run, null, 2)}\n`);
    (0,src/* setOutputs */.n0)({
        result: run.result,
        results: Object.fromEntries(run.people.map((p) => [p.employee_id, p.result])),
        changes: Object.fromEntries(run.people.filter((p) => p.changes.length).map((p) => [p.employee_id, p.changes])),
        'failed-ids': failed.map((p) => p.employee_id).join(','),
        // The people this run selected, for the jobs after it (`affected` is planned once, before any change).
        'employee-ids': run.people.map((p) => p.employee_id).join(','),
        guard: 'ok',
        left: run.left ?? 0,
        'idle-steps': run.idle?.join(' ') ?? '',
        report: file,
    });
    await (0,src/* writeSummaryMarkdown */.nh)(renderConvergeSummary(run, dryRun));
    const audit = (0,src/* createAuditLog */.iL)();
    audit.log({
        event: `converge-${env.GITHUB_RUN_ID ?? 'local'}`,
        step: run.step,
        employee_id: '*',
        result: run.result,
        people: run.people.length,
        failed: failed.map((p) => p.employee_id),
    });
    for (const r of run.intake?.refused ?? [])
        core/* warning */.$e(`onramp ${run.step}: HR event ${r.artifact} refused, nothing changed: ${r.rule}`);
    const refusedOwn = run.intake?.refused.filter((r) => r.own) ?? [];
    if (failed.length || refusedOwn.length)
        core/* setFailed */.C1([
            ...refusedOwn.map((r) => `onramp ${run.step}: this run's HR event was refused: ${r.rule}`),
            ...(failed.length
                ? [
                    `onramp ${run.step}: ${failed.length} of ${run.people.length} people failed: ${failed.map((p) => p.employee_id).join(', ')}`,
                ]
                : []),
        ].join('\n'));
}
/** The drain's intake: counts, and each refused or waiting HR event by artifact name and rule. */
function intakeLines(intake) {
    const { recorded, refused, waiting, held, unreviewed } = intake;
    const lines = [
        `HR events taken in: ${recorded.length} recorded, ${held} held already, ${waiting.length} waiting for the person's earlier event, ${unreviewed.length} waiting for their run's review, ${refused.length} refused.`,
        '',
    ];
    for (const r of refused)
        lines.push(`- refused ${cell(r.artifact)}${r.own ? " (this run's event)" : ''}: ${cell(r.rule)}`);
    for (const w of waiting)
        lines.push(`- waiting ${cell(w)}`);
    for (const u of unreviewed)
        lines.push(`- not reviewed yet ${cell(u)}`);
    if (refused.length || waiting.length || unreviewed.length)
        lines.push('');
    return lines;
}
const cell = (s) => (0,src/* mdText */.bC)(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
function renderConvergeSummary(run, dryRun) {
    const lines = [`## onramp: ${converge_TITLES[run.step]}, ${run.people.length} people`, ''];
    if (run.plan)
        lines.push((0,src/* mdText */.bC)(run.plan), '');
    if (run.intake)
        lines.push(...intakeLines(run.intake));
    if (run.left)
        lines.push(`A wave: ${run.left} more people pending are left for the next run.`, '');
    if (dryRun)
        lines.push('Report: a dry run. Items with an action are drift (what a repair would change); people whose step was waiting (pending or deferred, or a scheduled task due) were run for real when asked.', '');
    if (!run.people.length)
        lines.push('Nobody to converge.');
    else {
        lines.push('| Employee | Result | Changed items | Failed items | Waiting |', '| --- | --- | --- | --- | --- |');
        const reasons = (list) => cell(list.map((f) => `${f.item}: ${f.reason}`).join('; '));
        for (const p of run.people) {
            const what = p.dry_run && p.changes.length ? `${p.changes.length} would change` : String(p.changes.length);
            lines.push(`| ${cell(p.employee_id)} | ${p.result}${p.dry_run ? ' (dry run)' : ''} | ${what} | ${reasons(p.failed)} | ${reasons(p.waiting)} |`);
        }
    }
    const waiting = run.people.filter((p) => p.waiting.length);
    if (waiting.length) {
        lines.push('', '### Waiting', '', 'Deferred past a cap, in the order they go out (earliest start date first):', '');
        for (const p of waiting)
            lines.push(`- ${cell(p.employee_id)}: ${p.waiting.map((w) => cell(`${w.item}: ${w.reason}`)).join('; ')}`);
    }
    const zone = run.time_zone ?? 'UTC';
    const ran = run.people.filter((p) => p.tasks?.length);
    if (ran.length) {
        lines.push('', '### Scheduled tasks', '', `Due, and run now (a task run more than ${SCHEDULE_PERIOD_MS / 60_000} minutes late was missed by the schedule):`, '');
        for (const p of ran)
            lines.push(`- ${cell(p.employee_id)}: ${p.tasks.map((t) => cell(`${t.step} ${describeRun(t, zone)}`)).join('; ')}`);
    }
    if (run.upcoming?.length) {
        lines.push('', '### Upcoming', '', `Scheduled in the next ${UPCOMING_DAYS} days (${zone}):`, '');
        for (const t of run.upcoming)
            lines.push(`- ${cell(t.local)}: ${cell(t.employee_id)} ${t.step} (${t.why})`);
    }
    const drift = run.people.filter((p) => p.dry_run && p.changes.length);
    if (drift.length) {
        lines.push('', '### Drift', '');
        for (const p of drift)
            lines.push(`- ${cell(p.employee_id)}: ${p.changes.map(cell).join(', ')}`);
    }
    const failed = run.people.filter((p) => p.result === 'failed').map((p) => p.employee_id);
    if (failed.length)
        lines.push('', `Failed: ${failed.map(cell).join(', ')}. Each was left as its step found it; the alert fires. Fix the cause and rerun them with \`employee-ids\`.`);
    if (run.own) {
        const last = run.people.find((p) => p.employee_id === run.own?.employee_id);
        lines.push('', (0,src/* renderSummary */.Br)({
            title: `onramp: ${converge_TITLES[run.step]}, ${run.own.employee_id} (this run's HR event)`,
            note: [last?.dry_run ? 'Dry run: nothing was changed.' : undefined, run.own.note].filter(Boolean).join(' '),
            receipts: run.own.receipts,
        }));
    }
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ../../packages/ledger/src/index.ts
// Per-person state: one record per employee_id, compare-and-swap writes, backends `github` and `file`.















;// CONCATENATED MODULE: ./src/cap.ts
// The org's invitation cap is a sliding 24-hour window: at most `cap` invitations sent in any 24 hours. A
// hire past it is deferred, and the scheduled reconcile sends the deferred ones in order of start date (converge's
// queueOrder) as places free up. Which place frees when is known from the invitations the window holds: the
// oldest leaves first, and an invitation sent into a freed place holds it for 24 hours again.
const cap_DAY_MS = 86_400_000;
/**
 * When the invitation at `position` in the queue (0: the next one) can go out: `sent` are the creation times
 * (epoch ms) of the invitations in the last 24 hours. Undefined when the window holds fewer than `cap` (a place
 * is free: nothing to wait for) or the cap is not known (cap 0).
 */
function expectedSendTime(sent, cap, position) {
    if (cap < 1 || sent.length < cap)
        return undefined;
    const times = [...sent].sort((a, b) => a - b);
    // Of the window's invitations only the newest `cap - 1` still count once the next place frees.
    const frees = times.slice(times.length - cap);
    const expected = [];
    for (let k = 0; k <= position; k++)
        expected.push((k < cap ? frees[k] : expected[k - cap]) + cap_DAY_MS);
    return expected[position];
}
/** One run's queue of deferred invitations: each deferred person takes the next place. */
class InvitationQueue {
    deferred = 0;
    /** The next deferred person's expected send time, and their place in the queue. */
    take(sent, cap) {
        const position = this.deferred++;
        return { position, at: expectedSendTime(sent, cap, position) };
    }
}

;// CONCATENATED MODULE: ./src/github.ts
// The GitHub calls grant-github makes, each read returning a plain state and each write one request. Errors
// become PII-free sentences: the operation, GitHub's status and its message or error codes, never a login,
// an email or a name.

/** A GitHub refusal carried with the operation that got it; the message is safe to log. */
class GithubCallError extends Error {
    operation;
    status;
    details;
    constructor(operation, status, details, message) {
        super(message);
        this.operation = operation;
        this.status = status;
        this.details = details;
        this.name = 'GithubCallError';
    }
}
const statusOf = (error) => typeof error?.status === 'number' ? error.status : undefined;
/** Most SAML identities read when matching an email to an account (100 a page). */
const SAML_IDENTITY_LIMIT = 10_000;
const SAML_QUERY = `query($org: String!, $first: Int!, $after: String) {
  organization(login: $org) {
    samlIdentityProvider {
      externalIdentities(first: $first, after: $after) {
        edges { node { samlIdentity { nameId } user { login databaseId } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;
/** `n` users' verified-domain emails in one query, as aliases `u0`…; the logins travel as variables. */
const verifiedDomainEmailsQuery = (n) => {
    const vars = Array.from({ length: n }, (_, i) => `$u${i}: String!`).join(', ');
    const users = Array.from({ length: n }, (_, i) => `u${i}: user(login: $u${i}) { login organizationVerifiedDomainEmails(login: $org) }`).join(' ');
    return `query($org: String!, ${vars}) { ${users} }`;
};
/** The invitation cap's refusal (external-apis.md §1.1): 422 "Over invitation rate limit". */
const isOverInvitationCap = (error) => error instanceof GithubCallError &&
    error.status === 422 &&
    error.details.some((d) => /invitation rate limit/i.test(d));
const isAlreadyMember = (error) => error instanceof GithubCallError && error.details.some((d) => /already a part of this organization/i.test(d));
/** A GraphQL answer's errors (HTTP 200): Octokit's GraphqlResponseError carries them, and any partial data. */
const graphqlErrorsOf = (error) => error?.name === 'GraphqlResponseError'
    ? (error.errors ?? [])
    : undefined;
async function call(operation, fn) {
    try {
        return await fn();
    }
    catch (error) {
        const gqlErrors = graphqlErrorsOf(error);
        if (gqlErrors) {
            const details = gqlErrors.map((e) => [e.type, e.message].filter(Boolean).join(': '));
            const text = `${operation}: GitHub GraphQL: ${details.join('; ') || 'error'}`;
            throw new GithubCallError(operation, undefined, details, (0,src/* redactPersonalData */.Ut)(text.replace(/\s+/g, ' ')));
        }
        const status = statusOf(error);
        const body = (error?.response?.data ?? {});
        const raw = typeof body === 'object' && body ? body : {};
        // Octokit appends " - <documentation_url>" to the message; the URL adds nothing to a receipt.
        const message = String(raw.message ?? (error instanceof Error ? error.message : error)).split(' - ')[0];
        const details = (raw.errors ?? []).map((e) => e.message ?? [e.field, e.code].filter(Boolean).join(' '));
        const text = `${operation}: GitHub ${status ?? 'network error'}: ${message}${details.length ? ` (${details.join('; ')})` : ''}`;
        throw new GithubCallError(operation, status, details, (0,src/* redactPersonalData */.Ut)(text.replace(/\s+/g, ' ')));
    }
}
/** Reads that answer 404 for "absent" return undefined. */
async function orAbsent(operation, fn) {
    try {
        return await call(operation, fn);
    }
    catch (error) {
        if (error instanceof GithubCallError && error.status === 404)
            return undefined;
        throw error;
    }
}
/**
 * One converge run's view of the org's teams and their members, listed once per run and shared by every person:
 * the org's team slugs, and per team two member lists (maintainers, everyone), so reading every person's team
 * memberships costs calls per team, not per person and team. It answers only a person's first read of a team
 * membership; a read-back after a change always asks GitHub. The lists hold active members only: a pending team
 * membership belongs to someone not yet in the org, whose teams ride on the invitation instead.
 */
class TeamRoster {
    slugs;
    teams = new Map();
    teamSlugs(api) {
        this.slugs ??= api.teamSlugs();
        // A failed listing is not kept: the next person asks again.
        this.slugs.catch(() => (this.slugs = undefined));
        return this.slugs;
    }
    async teamMembership(api, slug, login) {
        const key = `${api.org}/${slug}`.toLowerCase();
        let members = this.teams.get(key);
        if (!members) {
            members = this.list(api, slug);
            this.teams.set(key, members);
            members.catch(() => this.teams.delete(key));
        }
        const role = (await members)?.get(login.toLowerCase());
        return role ? { role, state: 'active' } : undefined;
    }
    /** Login → role; undefined for a team that does not exist (a membership read answers 404 then too). */
    async list(api, slug) {
        const maintainers = await api.teamMemberLogins(slug, 'maintainer').catch(absentOn404);
        if (maintainers === undefined)
            return undefined;
        const everyone = (await api.teamMemberLogins(slug, 'all').catch(absentOn404)) ?? [];
        const out = new Map(everyone.map((l) => [l.toLowerCase(), 'member']));
        for (const l of maintainers)
            out.set(l.toLowerCase(), 'maintainer');
        return out;
    }
}
const absentOn404 = (error) => {
    if (error instanceof GithubCallError && error.status === 404)
        return undefined;
    throw error;
};
class GithubApi {
    octokit;
    org;
    constructor(octokit, org) {
        this.octokit = octokit;
        this.org = org;
    }
    userByLogin(login) {
        return orAbsent('GET user by login', async () => {
            const { data } = await this.octokit.request('GET /users/{username}', { username: login });
            return { login: data.login, id: Number(data.id) };
        });
    }
    /** Logins can be renamed; the numeric id cannot. */
    userById(id) {
        return orAbsent('GET user by id', async () => {
            const { data } = await this.octokit.request('GET /user/{account_id}', { account_id: id });
            return { login: data.login, id: Number(data.id) };
        });
    }
    /** The public email of a user, to recognise who accepted an email invitation. */
    publicEmail(login) {
        return call('GET user by login', async () => {
            const { data } = await this.octokit.request('GET /users/{username}', { username: login });
            return data.email ?? undefined;
        });
    }
    orgMembership(login) {
        return orAbsent('GET org membership', async () => {
            const { data } = await this.octokit.request('GET /orgs/{org}/memberships/{username}', {
                org: this.org,
                username: login,
            });
            return { role: data.role, state: data.state };
        });
    }
    setOrgMembership(login) {
        // Always plain member: a role map can never grant org ownership.
        return call('PUT org membership', async () => {
            await this.octokit.request('PUT /orgs/{org}/memberships/{username}', {
                org: this.org,
                username: login,
                role: 'member',
            });
        });
    }
    removeOrgMembership(login) {
        return call('DELETE org membership', async () => {
            await this.octokit.request('DELETE /orgs/{org}/memberships/{username}', { org: this.org, username: login });
        });
    }
    /** Team ids by slug, read once per process (a converge run asks for the same few teams for every person). */
    teamIds = new Map();
    teamId(slug) {
        return (0,src/* keptRead */.ZK)(this.teamIds, slug, () => orAbsent(`GET team ${slug}`, async () => {
            const { data } = await this.octokit.request('GET /orgs/{org}/teams/{team_slug}', {
                org: this.org,
                team_slug: slug,
            });
            return Number(data.id);
        }));
    }
    async teamSlugs() {
        return call('GET teams', async () => {
            const teams = await this.octokit.paginate('GET /orgs/{org}/teams', { org: this.org, per_page: 100 });
            return teams.map((t) => t.slug);
        });
    }
    async teamMemberLogins(slug, role = 'all') {
        return call(`GET team ${slug} members`, async () => {
            const users = await this.octokit.paginate('GET /orgs/{org}/teams/{team_slug}/members', {
                org: this.org,
                team_slug: slug,
                role,
                per_page: 100,
            });
            return users.map((u) => u.login);
        });
    }
    async orgMemberLogins() {
        return call('GET org members', async () => {
            const users = await this.octokit.paginate('GET /orgs/{org}/members', { org: this.org, per_page: 100 });
            return users.map((u) => u.login);
        });
    }
    teamMembership(slug, login) {
        return orAbsent(`GET team ${slug} membership`, async () => {
            const { data } = await this.octokit.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', {
                org: this.org,
                team_slug: slug,
                username: login,
            });
            return { role: data.role, state: data.state };
        });
    }
    setTeamMembership(slug, login, role) {
        return call(`PUT team ${slug} membership`, async () => {
            await this.octokit.request('PUT /orgs/{org}/teams/{team_slug}/memberships/{username}', {
                org: this.org,
                team_slug: slug,
                username: login,
                role,
            });
        });
    }
    removeTeamMembership(slug, login) {
        return call(`DELETE team ${slug} membership`, async () => {
            await this.octokit.request('DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}', {
                org: this.org,
                team_slug: slug,
                username: login,
            });
        });
    }
    /** The last listing of the org's pending invitations, and of its failed ones (see invitations). */
    listings = new Map();
    /**
     * Pending and failed invitations of the org. A read before a change takes the last listing this process made,
     * unless this process changed an invitation since: one process per organization changes invitations at a time
     * (the job groups), so a run that converges many people lists once per person it invites, after the invitation.
     * `fresh` (a read-back) always asks GitHub for the pending ones: the org's pending list grows with every hire, a
     * page per 100. The failed ones are listed once per process: an invitation fails by expiring (after 7 days) or
     * bouncing, never through what this process sends or cancels.
     */
    async invitations(options = {}) {
        const [pending, failed] = await Promise.all([this.listing('pending', options.fresh), this.listing('failed')]);
        return [...pending, ...failed];
    }
    /** The kept listing of this kind, or (fresh, or none kept) a new one. */
    listing(kind, fresh = false) {
        if (fresh)
            this.listings.delete(kind);
        return (0,src/* keptRead */.ZK)(this.listings, kind, () => this.listInvitations(kind));
    }
    listInvitations(kind) {
        const failed = kind === 'failed';
        return call(`GET ${kind} invitations`, () => this.octokit.paginate(failed ? 'GET /orgs/{org}/failed_invitations' : 'GET /orgs/{org}/invitations', {
            org: this.org,
            per_page: 100,
        })).then((listed) => listed.map((i) => ({
            id: i.id,
            login: i.login ?? null,
            email: i.email ?? null,
            role: String(i.role),
            createdAt: String(i.created_at),
            teamCount: Number(i.team_count ?? 0),
            failed,
        })));
    }
    inviteByEmail(email, teamIds) {
        this.listings.delete('pending');
        return call('POST invitation', async () => {
            const { data } = await this.octokit.request('POST /orgs/{org}/invitations', {
                org: this.org,
                email,
                role: 'direct_member',
                team_ids: teamIds,
            });
            return Number(data.id);
        });
    }
    inviteById(accountId, teamIds) {
        this.listings.delete('pending');
        return call('POST invitation', async () => {
            const { data } = await this.octokit.request('POST /orgs/{org}/invitations', {
                org: this.org,
                invitee_id: accountId,
                role: 'direct_member',
                team_ids: teamIds,
            });
            return Number(data.id);
        });
    }
    /**
     * The org's SAML identities (GraphQL: REST has no such list), paged 100 at a time up to `max`; undefined when
     * the org has no SAML SSO (or the token may not see it: GitHub answers null either way).
     */
    async samlIdentities(max = SAML_IDENTITY_LIMIT) {
        const out = [];
        let after = null;
        while (out.length < max) {
            const page = await call('GraphQL SAML identities', () => this.octokit.graphql(SAML_QUERY, { org: this.org, first: 100, after }));
            const provider = page.organization?.samlIdentityProvider;
            if (!provider)
                return undefined;
            for (const edge of provider.externalIdentities.edges ?? []) {
                const node = edge?.node;
                if (!node?.samlIdentity?.nameId)
                    continue;
                const u = node.user;
                out.push({
                    nameId: node.samlIdentity.nameId,
                    account: u && u.databaseId !== null ? { login: u.login, id: u.databaseId } : null,
                });
            }
            if (!provider.externalIdentities.pageInfo.hasNextPage)
                break;
            after = provider.externalIdentities.pageInfo.endCursor;
        }
        return out;
    }
    /**
     * Each login's emails on the org's verified domains (GraphQL `organizationVerifiedDomainEmails`; GitHub shows
     * them for the org's members whatever their email privacy). 50 logins per query, as aliases; a login gone
     * meanwhile (NOT_FOUND) is left out.
     */
    async verifiedDomainEmails(logins) {
        const out = new Map();
        for (let i = 0; i < logins.length; i += 50) {
            const batch = logins.slice(i, i + 50);
            const vars = { org: this.org };
            batch.forEach((l, n) => {
                vars[`u${n}`] = l;
            });
            const query = verifiedDomainEmailsQuery(batch.length);
            const data = await call('GraphQL verified-domain emails', async () => {
                try {
                    return await this.octokit.graphql(query, vars);
                }
                catch (error) {
                    const errors = graphqlErrorsOf(error);
                    if (errors?.length && errors.every((e) => e.type === 'NOT_FOUND'))
                        return (error.data ?? {});
                    throw error;
                }
            });
            for (const user of Object.values(data ?? {}))
                if (user)
                    out.set(user.login, user.organizationVerifiedDomainEmails ?? []);
        }
        return out;
    }
    cancelInvitation(id) {
        this.listings.delete('pending');
        return call('DELETE invitation', async () => {
            await this.octokit.request('DELETE /orgs/{org}/invitations/{invitation_id}', {
                org: this.org,
                invitation_id: id,
            });
        });
    }
}

;// CONCATENATED MODULE: ./src/acceptor.ts
// Who accepted an email invitation. GitHub lists neither accepted invitations nor an email's account, and an
// account's email is private by default, so onramp asks every source GitHub offers, most authoritative first:
// the org's SAML identities (the IdP's name id, linked to the account that signed in through it), the emails
// members hold on the org's verified domains (shown whatever their privacy), then public emails. Nothing found
// is an answer of its own: the caller never takes it for "not a member".

/** At most this many members' verified-domain emails are read (50 a query), and public emails (one call each). */
const DOMAIN_EMAIL_LOOKUPS = 2_000;
const PUBLIC_EMAIL_LOOKUPS = 200;
const sameText = (a, b) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
/** The account the org's SAML identity for `email` links to, undefined when the org has no SAML SSO. */
async function samlAccount(api, email) {
    const identities = await api.samlIdentities();
    if (!identities)
        return { sso: false };
    return { sso: true, account: identities.find((i) => sameText(i.nameId, email) && i.account)?.account ?? undefined };
}
async function findAcceptor(api, email, plan) {
    const tried = [];
    const unreadable = (what, error) => {
        // A source the token or the server cannot serve (GHES without it, a missing permission) is one fewer means,
        // not a reason to stop looking.
        if (!(error instanceof GithubCallError))
            throw error;
        tried.push(`${what}: could not be read (${error.message})`);
    };
    try {
        const saml = await samlAccount(api, email);
        if (saml.sso && saml.account)
            return { found: { account: saml.account, how: 'SAML identity' }, tried };
        tried.push(saml.sso
            ? 'SAML identities: none for the email is linked to an account'
            : 'SAML identities: the org has no SAML SSO');
    }
    catch (error) {
        unreadable('SAML identities', error);
    }
    const members = await memberCandidates(api, plan);
    const domainChecked = members.slice(0, DOMAIN_EMAIL_LOOKUPS);
    try {
        const emails = await api.verifiedDomainEmails(domainChecked);
        for (const [login, list] of emails)
            if (list.some((e) => sameText(e, email))) {
                const account = await api.userByLogin(login);
                if (account)
                    return { found: { account, how: 'verified-domain email' }, tried };
            }
        tried.push(`verified-domain emails of ${domainChecked.length} member(s): no match`);
    }
    catch (error) {
        unreadable('verified-domain emails', error);
    }
    const candidates = members.slice(0, PUBLIC_EMAIL_LOOKUPS);
    for (const login of candidates) {
        if (sameText(await api.publicEmail(login), email)) {
            const account = await api.userByLogin(login);
            if (account)
                return { found: { account, how: 'public email' }, tried };
        }
    }
    tried.push(`public emails of ${candidates.length} member(s): no match`);
    return { tried };
}
/**
 * The members to compare by email, those of the role's first team first (the invitation put its acceptor
 * there, unless a later change moved them), then the rest of the org; protected logins are never candidates.
 */
async function memberCandidates(api, plan) {
    const logins = [];
    for (const t of plan.teams) {
        try {
            logins.push(...(await api.teamMemberLogins(t.slug)));
            break;
        }
        catch (error) {
            if (!(error instanceof GithubCallError && error.status === 404))
                throw error;
        }
    }
    logins.push(...(await api.orgMemberLogins()));
    return [...new Set(logins)].filter((l) => !plan.protectedLogins.some((p) => sameText(p, l)));
}

;// CONCATENATED MODULE: ./src/items.ts
// The person's GitHub access as reconcile items. Who the person is, proven and never assumed: the event's
// github_username (checked to exist, to match the ledger's id, and on offboard the org's SAML identity for the
// email), else the numeric id (or a hand-repaired login) the ledger holds, resolved to the current login so a
// rename is followed, else an invitation by email; one that left GitHub's lists is resolved to the account that
// accepted it (acceptor.ts), and while nobody is found the step fails rather than re-inviting or reporting
// revoked. An active org member gets the org membership and team items; anyone else gets one invitation item
// carrying the role's team ids, which GitHub applies on acceptance, so a role change before acceptance is one
// cancel and re-invite rather than a trail of stale pending team memberships. A role change to a role without
// GitHub access (`account: 'keep'`) only removes managed teams, or cancels the invitation.



const items_sameText = (a, b) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
const sortedIds = (ids) => [...ids].sort((a, b) => a - b);
/** An item that cannot be attempted: its read fails with `reason`, so it is reported failed and nothing runs. */
function failedItem(key, reason) {
    return {
        key,
        desired: undefined,
        read: async () => {
            throw new Error(reason);
        },
        apply: async () => { },
    };
}
/** When the person cannot even be looked up: one failed `account` item. */
function unidentified(reason) {
    return {
        items: [failedItem('account', reason)],
        identity: 'none',
        notes: [],
        report: async () => [],
        ids: () => ({}),
    };
}
async function buildItems(ctx) {
    const { api, plan } = ctx;
    const notes = [];
    const ids = { ...ctx.ids };
    const offboard = plan.presence === 'revoked';
    const built = (items, identity, report) => ({
        items,
        identity,
        notes,
        report: report ?? (async () => []),
        ids: () => ({ ...ids }),
    });
    // ---- who the person is: proven, never assumed
    let account;
    let identity = 'email invitation';
    if (ctx.githubUsername) {
        account = await api.userByLogin(ctx.githubUsername);
        if (!account)
            return built([failedItem('account', 'github_username: no GitHub user with that login (404)')], 'none');
        if (ids.id !== undefined && ids.id !== account.id)
            return built([
                failedItem('account', `github_username: names another account than the one the ledger links to the person (id ${ids.id})${offboard ? ': refused for removal, nothing removed' : ''}; correct the HR event, or repair ids.github in the ledger record, and rerun`),
            ], 'none');
        // On offboard, where the ledger links no account, the payload's login is checked against the org's SAML
        // identity for the person's email: removing whoever a mistyped login names is not revoking the leaver's access.
        if (offboard && ctx.email && ids.id === undefined) {
            let saml;
            try {
                saml = await samlAccount(api, ctx.email);
            }
            catch (error) {
                if (!(error instanceof GithubCallError))
                    throw error;
                notes.push(`github_username not checked against SAML identities, which could not be read: ${error.message}.`);
            }
            if (saml?.sso && saml.account && saml.account.id !== account.id)
                return built([
                    failedItem('account', `github_username: names another account than the org's SAML identity for the person's email (${saml.account.login}): refused for removal, nothing removed; correct the HR event and rerun`),
                ], 'none');
        }
        identity = 'github_username';
    }
    else if (ids.id !== undefined) {
        account = await api.userById(ids.id);
        if (!account)
            return built([failedItem('account', `ledger id ${ids.id}: no such GitHub account (404)`)], 'none');
        identity = 'ledger id';
    }
    else if (ids.login !== undefined) {
        // A login without an id: a ledger record repaired by hand.
        account = await api.userByLogin(ids.login);
        if (!account)
            return built([failedItem('account', 'ledger login: no GitHub user with that login (404)')], 'none');
        identity = 'ledger login';
    }
    else if (ids.invitation_id !== undefined && (ctx.email || offboard)) {
        // Acceptance follow-up: the invitation left the pending and failed lists, so look for who joined.
        const invitations = await api.invitations();
        const listed = invitations.some((i) => i.id === ids.invitation_id);
        // Old failed invitations for the same email stay listed after a re-send: only the current one counts. On
        // offboard another pending invitation for the email says nothing about ours: ours must be listed.
        const ours = listed || (!offboard && invitations.some((i) => !i.failed && items_sameText(i.email, ctx.email)));
        if (!ours) {
            // Neither pending nor failed, and not cancelled by onramp (that clears the id): accepted, or cancelled
            // outside onramp. Whoever accepted may hold the membership it granted: until shown who, neither a new
            // invitation (a member would get a second one, and keep the old role's access) nor "revoked" (a guess).
            const search = ctx.email
                ? await findAcceptor(api, ctx.email, plan)
                : { tried: ['no email known'] };
            if (search.found) {
                account = search.found.account;
                identity = `accepted invitation (${search.found.how})`;
                notes.push(`The email invitation was accepted; login and id recorded (found by ${search.found.how}).`);
            }
            else {
                const unaccounted = failedItem('account', `invitation ${ids.invitation_id} is neither pending nor failed nor cancelled by onramp: accepted by an account onramp cannot identify (or cancelled outside onramp); tried ${search.tried.join('; ')}. ${offboard ? 'Nothing is reported revoked' : 'No new invitation is sent'}: send the person's github_username in an HR event, or set ids.github.login in the ledger record (people/<employee id>.json), and rerun; if the invitation was cancelled and never accepted, delete ids.github.invitation_id from the record instead and rerun`);
                // On offboard a pending invitation the ledger recorded is still cancelled.
                return built(offboard ? [unaccounted, invitationItem(ctx, ids, undefined, undefined)] : [unaccounted], 'none');
            }
        }
    }
    else if (offboard && ctx.email) {
        // A leaver the ledger links to no account nor invitation (access granted before or outside onramp, or an
        // invitation onramp cancelled): the same sources are asked, so a member is removed rather than missed.
        const search = await findAcceptor(api, ctx.email, plan);
        if (search.found) {
            account = search.found.account;
            identity = `email (${search.found.how})`;
        }
        else
            notes.push(`No GitHub account is linked to the person: tried ${search.tried.join('; ')}.`);
    }
    if (account) {
        if (account.login !== ids.login && ids.login !== undefined)
            notes.push('Login renamed since last run; followed by id.');
        ids.login = account.login;
        ids.id = account.id;
    }
    if (account && plan.protectedLogins.some((p) => items_sameText(p, account.login)))
        return built([failedItem('account', 'login is protected (guardrails github.protected-logins): onramp never changes it')], identity);
    // (On offboard an invitation id alone is enough to find and cancel a pending invitation.)
    if (!account && !ctx.email && !(offboard && ids.invitation_id !== undefined)) {
        notes.push('No GitHub account, id or email known for this person: nothing to do.');
        return built([], 'none');
    }
    // An org owner (or a pending owner invitation) is for a person, on every path: checked before any item, so a
    // plan touching an owner makes no change at all (security checklist 41).
    const membership = account ? await api.orgMembership(account.login) : undefined;
    if (membership?.role === 'admin')
        return built([
            failedItem('org-membership', `account is an org owner (${membership.state}): onramp never changes or removes an owner; nothing changed`),
        ], identity);
    // ---- offboard: remove the membership (teams go with it) and any pending invitation
    if (offboard) {
        const items = [];
        if (account)
            items.push(orgMembershipItem(api, account, undefined));
        items.push(invitationItem(ctx, ids, account, undefined));
        return built(items, identity);
    }
    // ---- onboard / role-change; keep (the new role names no GitHub access): remove managed teams only, never
    // invite, nor write the org membership
    const keep = plan.account === 'keep';
    const desired = new Map(plan.teams.map((t) => [t.slug, t]));
    if (account && membership?.state === 'active') {
        const firstRead = (slug) => ctx.roster ? ctx.roster.teamMembership(api, slug, account.login) : api.teamMembership(slug, account.login);
        // Removals are counted before any change, so a role map edit can never strip a person wholesale; the
        // read is reused as the item's first read, so the guard costs no extra call.
        const held = new Map();
        for (const slug of plan.managedTeams)
            if (!desired.has(slug))
                held.set(slug, await firstRead(slug));
        const removals = [...held.values()].filter(Boolean).length;
        if (removals > ctx.maxRemovals)
            return built([
                failedItem('removal-limit', `would remove ${removals} team memberships, more than guardrails github.max-removals (${ctx.maxRemovals}): nothing changed`),
            ], identity);
        const items = keep
            ? []
            : [orgMembershipItem(api, account, { role: 'member', state: 'active' }, () => awaiting(ctx))];
        if (keep)
            notes.push('The role names no GitHub access: managed teams removed, the org membership left as it is.');
        for (const t of plan.teams)
            items.push(teamItem(api, account, t.slug, t, ctx.roster && (() => firstRead(t.slug))));
        for (const [slug, found] of held)
            items.push(teamItem(api, account, slug, undefined, async () => found));
        const report = ctx.eventType === 'role-change'
            ? () => unmanagedTeams(api, account, new Set(plan.managedTeams), ctx.roster)
            : undefined;
        return built(items, identity, report);
    }
    if (keep) {
        // An invitation still out would grant the old role's teams on acceptance: cancel it, send none.
        notes.push('The role names no GitHub access: any pending org invitation is cancelled, none is sent.');
        return built([invitationItem(ctx, ids, account, undefined)], identity);
    }
    // Not an active member: one invitation (by account id, else by email) carrying the role's team ids.
    const items = [];
    const teamIds = [];
    for (const t of plan.teams) {
        const id = await api.teamId(t.slug);
        if (id === undefined)
            items.push(failedItem(`team:${t.slug}`, `team ${t.slug}: not found in the org (404)`));
        else
            teamIds.push(id);
    }
    const maintained = plan.teams.filter((t) => t.role === 'maintainer').map((t) => t.slug);
    if (maintained.length)
        notes.push(`Invitations carry team membership only: maintainer role on ${maintained.join(', ')} follows acceptance.`);
    items.unshift(invitationItem(ctx, ids, account, sortedIds(teamIds)));
    return built(items, identity);
}
// ------------------------------------------------------------------------------------------ items
function orgMembershipItem(api, account, desired, why = () => 'invited: awaiting acceptance of the org invitation') {
    return {
        key: 'org-membership',
        desired,
        read: () => api.orgMembership(account.login),
        // Pending counts as done (the invitation is out); role must be plain member.
        same: (d, f) => (d === undefined ? f === undefined : f?.role === 'member'),
        pending: (f) => (f?.state === 'pending' ? why() : undefined),
        async apply(found) {
            // A role map never grants ownership, and onramp never demotes nor removes an owner: that is for a person.
            // Checked before any write on both paths (the read in buildItems may be stale by now).
            if (found?.role === 'admin')
                throw new Error('account is an org owner: onramp never changes or removes an owner');
            if (desired === undefined)
                return api.removeOrgMembership(account.login);
            return api.setOrgMembership(account.login);
        },
        show: (s) => (s ? { account_id: account.id, role: s.role, state: s.state } : undefined),
    };
}
function teamItem(api, account, slug, grant, firstRead) {
    let first = firstRead;
    return {
        key: `team:${slug}`,
        desired: grant ? { role: grant.role, state: 'active' } : undefined,
        async read() {
            // The first read may come from elsewhere (the removal guard's read, a converge run's team lists);
            // read-backs always ask GitHub.
            const read = first ?? (() => api.teamMembership(slug, account.login));
            first = undefined;
            return read();
        },
        same: (d, f) => (d === undefined ? f === undefined : f?.role === d.role),
        pending: (f) => (f?.state === 'pending' ? 'awaiting acceptance of the org invitation' : undefined),
        apply: () => grant ? api.setTeamMembership(slug, account.login, grant.role) : api.removeTeamMembership(slug, account.login),
        show: (s) => (s ? { role: s.role, state: s.state } : undefined),
        // Adding to a team needs the org membership; removing does not.
        dependsOn: grant ? ['org-membership'] : undefined,
    };
}
/**
 * Why an invitation is pending; `overdue:` once it has waited longer than guardrails
 * github.invitation-deadline-days after the HR event (expired invitations are re-sent, so the event is the start).
 */
function awaiting(ctx) {
    const since = ctx.since ? Date.parse(ctx.since) : Number.NaN;
    const days = Math.floor((ctx.now() - since) / cap_DAY_MS);
    if (days > ctx.plan.invitationDeadlineDays)
        return `overdue: the org invitation is unaccepted ${days} days after the HR event, past guardrails github.invitation-deadline-days (${ctx.plan.invitationDeadlineDays}): ask the person to accept it, or offboard them`;
    return 'invited: awaiting acceptance of the org invitation';
}
function invitationItem(ctx, ids, account, teamIds) {
    const { api, plan } = ctx;
    let seen = [];
    // After apply, a read is the read-back: it asks GitHub, never a listing made before.
    let applied = false;
    const mine = (i) => i.id === ids.invitation_id || (account && items_sameText(i.login, account.login)) || items_sameText(i.email, ctx.email);
    const desired = teamIds && {
        state: 'pending',
        id: 0,
        role: 'direct_member',
        teamIds,
        teamCount: teamIds.length,
        pendingIds: [],
    };
    const teamsMatch = (d, f) => f.teamIds ? f.teamIds.join() === d.teamIds.join() : f.teamCount === d.teamCount;
    return {
        key: 'invitation',
        desired,
        async read() {
            seen = await api.invitations({ fresh: applied });
            const pending = seen.filter((i) => !i.failed && mine(i));
            const failed = seen.filter((i) => i.failed && mine(i)).sort((a, b) => b.id - a.id);
            const current = pending[0] ?? failed[0];
            if (!current)
                return undefined;
            return {
                state: current.failed ? 'failed' : 'pending',
                id: current.id,
                role: current.role,
                teamIds: current.id === ids.invitation_id && ids.invitation_team_ids ? sortedIds(ids.invitation_team_ids) : null,
                teamCount: current.teamCount,
                pendingIds: pending.map((i) => i.id),
            };
        },
        same(d, f) {
            if (d === undefined)
                return f === undefined || f.pendingIds.length === 0;
            return f?.state === 'pending' && f.role === d.role && teamsMatch(d, f);
        },
        pending: (f) => (f?.state === 'pending' ? awaiting(ctx) : undefined),
        verb: (f, d) => (d === undefined ? 'cancel' : !f ? 'invite' : f.state === 'failed' ? 're-send' : 're-invite'),
        async apply(found) {
            applied = true;
            if (!desired) {
                for (const id of found?.pendingIds ?? [])
                    await api.cancelInvitation(id);
                // Onramp cancelled its own invitation: no longer outstanding, so an offboard later does not take its
                // absence from the lists for an unidentified acceptance. Explicitly undefined: the ledger merge drops it.
                if (ids.invitation_id !== undefined && found?.pendingIds.includes(ids.invitation_id)) {
                    ids.invitation_id = undefined;
                    ids.invitation_team_ids = undefined;
                }
                return;
            }
            const resends = ids.invitation_resends ?? 0;
            if (found?.state === 'failed' && resends >= plan.maxInvitationResends)
                throw new Error(`invitation ${found.id} failed or expired after ${resends} re-send(s): guardrails github.max-invitation-resends reached`);
            // Count what the org sent in the last 24 h (pending and failed are what GitHub lists; accepted and
            // cancelled ones also count there, so the 422 below is still handled): defer before asking, not after.
            const since = Math.max(ctx.now(), ...seen.map((i) => Date.parse(i.createdAt) || 0)) - cap_DAY_MS;
            const window = seen.map((i) => Date.parse(i.createdAt)).filter((t) => t > since);
            const sent = window.length;
            // Deferred with a place in the run's queue and when that place frees: the scheduled reconcile sends it then.
            const deferred = (why, cap) => {
                const { position, at } = (ctx.queue ?? new InvitationQueue()).take(window, cap);
                const ahead = position ? `${position} ahead in this run's queue; ` : '';
                const when = at === undefined
                    ? 'expected time unknown (accepted and cancelled invitations count but are not listed): the next scheduled run retries'
                    : `expected to go out at the first scheduled run after ${new Date(at).toISOString()}`;
                return {
                    result: 'deferred',
                    reason: `${why}; ${ahead}${when}`,
                };
            };
            if (sent >= plan.invitationCap)
                return deferred(`org invitation cap (${plan.invitationCap} per 24 h) reached: ${sent} sent in the last 24 h`, plan.invitationCap);
            if (found?.state === 'pending')
                await api.cancelInvitation(found.id);
            let id;
            try {
                id = account
                    ? await api.inviteById(account.id, desired.teamIds)
                    : await api.inviteByEmail(ctx.email, desired.teamIds);
            }
            catch (error) {
                // GitHub's own cap is below ours; when a place frees is estimated from the invitations it lists.
                if (isOverInvitationCap(error))
                    return deferred(`GitHub's org invitation cap reached (422; ${sent} of the last 24 h's invitations listed)`, sent);
                if (isAlreadyMember(error) && !account)
                    throw new GithubCallError('POST invitation', 422, [], 'POST invitation: GitHub 422: the email belongs to an org member whose login onramp cannot see; send github_username');
                throw error;
            }
            if (found?.state === 'failed')
                ids.invitation_resends = resends + 1;
            else if (found === undefined)
                ids.invitation_resends = 0;
            ids.invitation_id = id;
            ids.invitation_team_ids = desired.teamIds;
            return undefined;
        },
        show: (s) => s && {
            invitation_id: s.id || null,
            state: s.state,
            role: s.role,
            ...(s.teamIds ? { team_ids: s.teamIds } : { team_count: s.teamCount }),
            ...(account ? { account_id: account.id } : {}),
        },
    };
}
// ------------------------------------------------------------------------------------------ reads
/** Teams outside the managed set that the person is in: reported, never removed. */
async function unmanagedTeams(api, account, managed, roster) {
    const receipts = [];
    try {
        for (const slug of await (roster ? roster.teamSlugs(api) : api.teamSlugs())) {
            if (managed.has(slug))
                continue;
            const m = await (roster
                ? roster.teamMembership(api, slug, account.login)
                : api.teamMembership(slug, account.login));
            if (!m)
                continue;
            const shown = { role: m.role, state: m.state };
            receipts.push({
                item: `team:${slug}`,
                action: 'none',
                desired: null,
                before: shown,
                after: shown,
                verified: true,
                result: 'unchanged',
                reason: 'unmanaged team (in no role): reported, never removed',
            });
        }
    }
    catch (error) {
        receipts.push({
            item: 'unmanaged-teams',
            action: 'none',
            before: null,
            after: null,
            verified: false,
            result: 'unchanged',
            reason: `could not list unmanaged teams: ${error instanceof Error ? error.message : String(error)}`,
        });
    }
    return receipts;
}

;// CONCATENATED MODULE: ./src/main.ts
// grant-github: the person's org membership or invitation and team memberships, per the role map, verified
// by read-back and recorded in the ledger. Octokit is loaded only after the inputs, event and plan are valid.





const INPUTS = {
    ...src/* COMMON_INPUTS */.s7,
    ...CONVERGE_INPUTS,
    'github-token': src/* input */.hF.secret(),
    'github-api-url': src/* input */.hF.string({ default: 'https://api.github.com', ...src/* HTTP_URL */.Po }),
    org: src/* input */.hF.optional({
        pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/,
        rule: 'must be a GitHub organization login',
    }),
};
const readInputs = () => (0,src/* getInputs */.GP)(INPUTS);
const PACING = "Production pacing: the token's rate budget (GitHub's 80 content-creating requests a minute, 500 an hour, 900 points a minute, the primary quota), no fixed gap; a refusal waits for the reset or Retry-After.";
/** The lifecycle's one person, or (with `employee-ids`) a converge run over many. */
const main = (inputs, options = {}) => inputs.employeeIds ? runMany(inputs, options) : run(inputs, options);
/** A converge run: every person through run(), one Octokit (one rate budget) for all of them. */
async function runMany(inputs, options = {}) {
    const { clock, fast } = timing(inputs, options);
    // A drain shares GitHub's content-creating limit with the other systems' drains (DRAIN_SHARE).
    const drains = inputs.employeeIds?.trim() === 'pending' || Boolean(inputs.intentsToken);
    const octokit = options.octokit ?? (await createClient(inputs, clock, fast, drains ? DRAIN_SHARE.system : undefined));
    // People reach the cap in the run's order (deferred ones first, by start date: converge's queueOrder); the org's
    // team members are listed once for the run, not read per person and team.
    const shared = {
        ...options,
        clock,
        fast,
        octokit,
        queue: new InvitationQueue(),
        roster: options.roster ?? new TeamRoster(),
        apis: new Map(),
    };
    return forEachPerson('github', inputs, (one, batch) => run({ ...inputs, ...one }, { ...shared, batch }), {
        env: options.env,
        clock,
        fast,
    });
}
/** The sandbox's time scale when every endpoint is loopback (clockFromEnv), else real time. */
function timing(inputs, options) {
    const env = options.env ?? process.env;
    const clock = options.clock ?? (0,src/* clockFromEnv */.iQ)(env, [inputs.githubApiUrl, ...stateEndpoints(inputs.state, env.GITHUB_API_URL)]);
    return { clock, fast: options.fast ?? (0,src/* runsFast */.xe)(clock) };
}
const createClient = async (inputs, clock, fast, contentShare) => (await Promise.all(/* import() */[__nccwpck_require__.e(377), __nccwpck_require__.e(714)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8714))).createOctokit({
    token: inputs.githubToken,
    baseUrl: inputs.githubApiUrl.replace(/\/+$/, ''),
    clock,
    fast,
    contentShare,
});
async function run(inputs, options = {}) {
    const { clock, fast } = timing(inputs, options);
    const step = await beginStep('github', inputs, { env: options.env, clock, fast, batch: options.batch });
    // Not due yet (a start date, a last day): nothing is read or changed; the scheduled run comes back then.
    if (step.waiting)
        return step.scheduled();
    const plan = step.plan.github;
    if (!plan) {
        return step.finish({ result: 'unchanged', receipts: [] }, { note: 'The role names no GitHub access: nothing to do.' });
    }
    // A drain shares GitHub's content-creating limit with the other systems' drains (DRAIN_SHARE).
    const drains = inputs.employeeIds?.trim() === 'pending' || Boolean(inputs.intentsToken);
    const octokit = options.octokit ?? (await createClient(inputs, clock, fast, drains ? DRAIN_SHARE.system : undefined));
    const org = inputs.org ?? plan.org;
    let api = options.apis?.get(org);
    if (!api) {
        api = new GithubApi(octokit, org);
        options.apis?.set(org, api);
    }
    let built;
    try {
        built = await buildItems({
            api,
            plan,
            eventType: step.event.type,
            email: step.event.email ?? step.record?.person?.email,
            githubUsername: step.event.githubUsername,
            ids: { ...step.record?.ids.github },
            maxRemovals: step.access.guardrails.github?.maxRemovals ?? 0,
            now: () => clock.now(),
            since: step.event.occurredAt,
            queue: options.queue,
            roster: options.roster,
        });
    }
    catch (error) {
        // Finding the person failed (bad token, an outage past the retries): a failed step with a receipt and a
        // ledger entry, like any item, rather than a crash.
        if (!(error instanceof GithubCallError))
            throw error;
        built = unidentified(error.message);
    }
    const outcome = await (0,src/* reconcile */.Lq)(built.items, { dryRun: step.dryRun, clock });
    const reported = await built.report();
    const receipts = [...outcome.receipts, ...reported];
    const ids = built.ids();
    return step.finish({ result: (0,src/* worst */.QZ)(receipts.map((r) => r.result)), receipts }, {
        ids: (r) => {
            r.github = { ...r.github, ...ids };
        },
        outputs: {
            login: ids.login ?? '',
            'invitation-id': ids.invitation_id === undefined ? '' : String(ids.invitation_id),
        },
        note: [`Person identified by: ${built.identity}.`, ...built.notes, PACING].join(' '),
    });
}


/***/ }),

/***/ 8845:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Pd: () => (/* binding */ ContentShare),
/* harmony export */   Rp: () => (/* binding */ budgetedFetch),
/* harmony export */   Z_: () => (/* binding */ sharedBudget),
/* harmony export */   _0: () => (/* binding */ prepayWrites),
/* harmony export */   f_: () => (/* binding */ GITHUB_LIMITS),
/* harmony export */   gq: () => (/* binding */ budgetOfClient),
/* harmony export */   hB: () => (/* binding */ githubBudget),
/* harmony export */   lw: () => (/* binding */ LEDGER_COMMIT_WRITES)
/* harmony export */ });
/* unused harmony exports TokenBucket, GITHUB_QUOTA_HEADERS, OKTA_QUOTA_HEADERS, ServerQuota, SLACK_TIERS, SLACK_DEFAULT_PER_MINUTE, SLACK_POSTS_PER_SECOND_PER_CHANNEL, slackBudget, headerBudget, GRAPHQL_MUTATION */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8868);
// One rate budget per system and token, shared by every client a process creates for them: requests draw from
// token buckets sized from the service's documented limits (bursts up to the limit, then the refill rate) and
// from the quota the service's own headers report, so the sum stays under each limit before the service
// refuses. Waits go through the injectable Clock, so a test clock or the sandbox's scaled clock controls time.
// Retrying a refusal stays with the one retry policy (retry.ts) and the SDK clients configured from it.


/**
 * `capacity` tokens when full, refilled continuously at `capacity` per `periodMs`. Takers are served in order:
 * a large take is not starved by small ones behind it.
 */
class TokenBucket {
    size;
    periodMs;
    clock;
    tokens;
    last;
    queue = Promise.resolve();
    constructor(size, periodMs, clock = _retry_js__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .ml, 
    /** Tokens at the start (default full): 0 for a process that cannot know what others spent just before. */
    initial) {
        this.size = size;
        this.periodMs = periodMs;
        this.clock = clock;
        this.tokens = initial ?? size;
        this.last = clock.now();
    }
    refill() {
        const now = this.clock.now();
        this.tokens = Math.min(this.size, this.tokens + ((now - this.last) * this.size) / this.periodMs);
        this.last = now;
    }
    get capacity() {
        return this.size;
    }
    /** A new capacity (and so refill rate) from now on; tokens above it are dropped. */
    resize(capacity) {
        if (capacity === this.size)
            return;
        this.refill();
        this.size = capacity;
        this.tokens = Math.min(this.tokens, capacity);
    }
    /** Tokens available now (fractional while refilling). */
    available() {
        this.refill();
        return this.tokens;
    }
    /** Resolves once `cost` tokens are taken, after waiting for the refill when there are too few. */
    take(cost = 1) {
        const need = Math.min(cost, this.size);
        const turn = this.queue.then(async () => {
            for (;;) {
                this.refill();
                // The epsilon absorbs floating-point dust: 0.3 + 0.7 of a token is a whole token.
                if (this.tokens >= need - 1e-9) {
                    this.tokens -= need;
                    return;
                }
                await this.clock.sleep(Math.ceil(((need - this.tokens) * this.periodMs) / this.size - 1e-6));
            }
        });
        this.queue = turn.catch(() => { });
        return turn;
    }
    /** What the bucket holds now, and when: for another process to go on from (resume). */
    state() {
        this.refill();
        return { tokens: this.tokens, at: this.last };
    }
    /** Goes on from what another process's bucket held then, refilled since (at most the capacity). */
    resume(from) {
        this.refill();
        const since = Math.max(0, this.last - from.at);
        this.tokens = Math.min(this.size, from.tokens + (since * this.size) / this.periodMs);
    }
    /** The service said "nothing until then": empty the bucket so takers wait at least `ms`. */
    drain(ms) {
        this.refill();
        this.tokens = Math.min(this.tokens, -(ms * this.size) / this.periodMs);
    }
}
const GITHUB_QUOTA_HEADERS = { remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' };
const OKTA_QUOTA_HEADERS = { remaining: 'x-rate-limit-remaining', reset: 'x-rate-limit-reset' };
function header(headers, name) {
    if (typeof headers.get === 'function')
        return headers.get(name) ?? undefined;
    const bag = headers;
    const v = bag[name] ?? Object.entries(bag).find(([k]) => k.toLowerCase() === name)?.[1];
    const first = Array.isArray(v) ? v[0] : v;
    return first === undefined ? undefined : String(first).trim();
}
/**
 * A quota known only from the service's headers (GitHub's primary limit, Okta's per-endpoint limits): each answer
 * says how many calls remain until the reset; when none remain, the next call waits for the reset instead of
 * being refused. Calls in flight are counted against what the last answer said.
 */
class ServerQuota {
    names;
    clock;
    remaining;
    resetAt = 0;
    constructor(names, clock = _retry_js__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .ml) {
        this.names = names;
        this.clock = clock;
    }
    async take() {
        for (;;) {
            const now = this.clock.now();
            if (this.remaining === undefined || this.remaining > 0) {
                if (this.remaining !== undefined)
                    this.remaining--;
                return;
            }
            if (now >= this.resetAt) {
                this.remaining = undefined;
                return;
            }
            await this.clock.sleep(this.resetAt - now);
        }
    }
    /** Learns the quota from an answer; answers without the headers teach nothing. */
    observe(headers) {
        const remaining = Number(header(headers, this.names.remaining));
        const reset = Number(header(headers, this.names.reset));
        if (!header(headers, this.names.remaining) || !Number.isFinite(remaining) || !Number.isFinite(reset))
            return;
        // Measured against the server's Date, so a skewed runner clock neither waits an hour nor calls early.
        const now = this.clock.now();
        const serverNow = Date.parse(header(headers, 'date') ?? '');
        const resetAt = now + reset * 1000 - (Number.isNaN(serverNow) ? now : serverNow) + _retry_js__WEBPACK_IMPORTED_MODULE_1__/* .RESET_MARGIN_MS */ .u_;
        this.remaining = remaining;
        this.resetAt = resetAt;
    }
}
/** Each client's budget, for prepayWrites (the client factories register theirs). */
const budgetOfClient = new WeakMap();
/** Pays a client's budget now for its next `writes` content-creating requests (RequestBudget.prepay). */
async function prepayWrites(client, writes) {
    await budgetOfClient.get(client)?.prepay?.(writes);
}
// Process-wide: every client created for the same system, endpoint and token shares one budget.
const budgets = new Map();
function getOrMake(map, key, make) {
    let value = map.get(key);
    if (value === undefined) {
        value = make();
        map.set(key, value);
    }
    return value;
}
/** The budget for this key, made on first use. The token is hashed: the registry never holds a secret. */
function sharedBudget(system, baseUrl, token, make) {
    const id = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(token ?? '')
        .digest('hex')
        .slice(0, 16);
    const key = `${system} ${baseUrl.replace(/\/+$/, '')} ${id}`;
    return getOrMake(budgets, key, make);
}
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const GITHUB_LIMITS = {
    pointsPerMinute: 900,
    readPoints: 1,
    writePoints: 5,
    contentPerMinute: 80,
    contentPerHour: 500,
    searchPerMinute: 30,
};
/**
 * The fraction of GitHub's content-creating requests a minute a process may spend while other processes spend
 * the rest at the same time (an HR drain's four system jobs, each writing the ledger). It may change while the
 * process runs: a drain's share follows the work pending for each step (converge.ts setDrainShares).
 */
class ContentShare {
    name;
    fraction;
    constructor(
    /** Tells apart the budgets of one token in one process (the ledger's, grant-github's invitations). */
    name, fraction) {
        this.name = name;
        this.fraction = fraction;
    }
}
/** Content-creating requests of one ledger commit: one GraphQL createCommitOnBranch (ledger github.ts). */
const LEDGER_COMMIT_WRITES = 1;
/**
 * With `contentShare`, the content bucket holds that share of the minute, so the processes' sum stays under the
 * limit; it never holds less than one commit. It starts with one ledger commit's worth, or, once the process
 * learns it (`carry.resume`), with what the previous process of its group left, refilled since.
 */
function githubBudget(clock = _retry_js__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .ml, limits = GITHUB_LIMITS, contentShare) {
    const points = new TokenBucket(limits.pointsPerMinute, MINUTE, clock);
    const shareOfMinute = () => Math.max(LEDGER_COMMIT_WRITES, Math.floor(limits.contentPerMinute * contentShare.fraction));
    const contentMinute = contentShare
        ? new TokenBucket(shareOfMinute(), MINUTE, clock, LEDGER_COMMIT_WRITES)
        : new TokenBucket(limits.contentPerMinute, MINUTE, clock);
    const contentHour = new TokenBucket(limits.contentPerHour, HOUR, clock);
    const search = new TokenBucket(limits.searchPerMinute, MINUTE, clock);
    const quotas = new Map();
    const resource = (url) => {
        const path = new URL(url, 'http://github.invalid').pathname;
        return /\/graphql$/.test(path) ? 'graphql' : /\/search\//.test(path) ? 'search' : 'core';
    };
    const quota = (name) => getOrMake(quotas, name, () => new ServerQuota(GITHUB_QUOTA_HEADERS, clock));
    const content = async (n) => {
        if (contentShare)
            contentMinute.resize(shareOfMinute());
        await contentMinute.take(n);
        await contentHour.take(n);
    };
    // Content-creating requests already paid for (prepay): they spend no more content tokens.
    let prepaid = 0;
    let resumed = false;
    return {
        carry: contentShare && {
            save: () => contentMinute.state(),
            // Once, before anything is spent: what the group's last job left is the truth about its share.
            resume(from) {
                if (resumed || !Number.isFinite(from.tokens) || !Number.isFinite(from.at))
                    return;
                resumed = true;
                contentMinute.resume(from);
            },
        },
        async prepay(writes) {
            await content(writes);
            prepaid += writes;
        },
        async before(method, url, scope) {
            const kind = resource(url);
            const write = kind === 'graphql' ? scope === GRAPHQL_MUTATION : !READS.has(method.toUpperCase());
            await quota(kind).take();
            // GraphQL has its own points (2,000 a minute): the REST points bucket does not apply.
            if (kind === 'search')
                await search.take();
            if (kind !== 'graphql')
                await points.take(write ? limits.writePoints : limits.readPoints);
            // A DELETE removes content: it costs a write's points but creates nothing. A GraphQL mutation creates content.
            if (write && method.toUpperCase() !== 'DELETE') {
                if (prepaid > 0)
                    prepaid--;
                else
                    await content(1);
            }
        },
        after(_method, url, status, headers) {
            const named = header(headers, 'x-ratelimit-resource');
            quota(named ?? resource(url)).observe(headers);
            // A secondary limit hit anyway (another process on the token): everything here holds off for Retry-After.
            const retryAfter = header(headers, 'retry-after');
            if ((status === 403 || status === 429) && retryAfter) {
                const wait = (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .serverWaitMs */ .Rx)({ 'retry-after': retryAfter }, clock.now());
                if (wait)
                    points.drain(wait);
            }
        },
    };
}
/**
 * Slack's documented limits for one token (api.slack.com/apis/rate-limits): each Web API method has a tier, a
 * per-minute allowance per workspace with bursts tolerated; chat.postMessage allows about one message a second
 * per channel. Methods onramp calls are listed; any other is held to Tier 2.
 */
const SLACK_TIERS = {
    'conversations.list': 20,
    'conversations.history': 50,
    'conversations.invite': 50,
    'conversations.kick': 50,
    'conversations.members': 100,
    'users.lookupByEmail': 50,
    'users.info': 100,
    'auth.test': 100,
};
const SLACK_DEFAULT_PER_MINUTE = 20;
const SLACK_POSTS_PER_SECOND_PER_CHANNEL = 1;
function slackBudget(clock = systemClock, tiers = SLACK_TIERS) {
    const buckets = new Map();
    const bucket = (key, capacity, periodMs) => getOrMake(buckets, key, () => new TokenBucket(capacity, periodMs, clock));
    return {
        async before(method, _url, channel) {
            if (method === 'chat.postMessage') {
                await bucket(`post ${channel ?? ''}`, SLACK_POSTS_PER_SECOND_PER_CHANNEL, 1000).take();
                return;
            }
            await bucket(method, tiers[method] ?? SLACK_DEFAULT_PER_MINUTE, MINUTE).take();
        },
        after() { },
    };
}
/**
 * Okta reports each endpoint's limit with every answer (X-Rate-Limit-Limit/-Remaining/-Reset): calls to an
 * endpoint wait for its reset once its answers say none remain, rather than waiting for a 429. Endpoints are
 * told apart by method class and path with ids (and logins) left out (`GET /api/v1/users/{id}`).
 */
function headerBudget(names, clock = systemClock) {
    const quotas = new Map();
    const endpoint = (method, url) => {
        const path = new URL(url, 'http://service.invalid').pathname;
        const template = path
            .split('/')
            .map((part, i) => (i === 4 || (i > 4 && /\d/.test(part)) ? '{id}' : part))
            .join('/');
        return `${READS.has(method.toUpperCase()) ? 'GET' : 'WRITE'} ${template}`;
    };
    const quota = (key) => getOrMake(quotas, key, () => new ServerQuota(names, clock));
    return {
        async before(method, url) {
            await quota(endpoint(method, url)).take();
        },
        after(method, url, _status, headers) {
            quota(endpoint(method, url)).observe(headers);
        },
    };
}
/** The scope a GraphQL request is given in RequestBudget.before when it is a mutation (it creates content). */
const GRAPHQL_MUTATION = 'mutation';
/** Wraps fetch so every attempt, retries included, draws from the budget and teaches it the answer's headers. */
function budgetedFetch(budget, inner = fetch) {
    return async (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
        await budget.before(method, url, graphqlMutation(url, init?.body) ? GRAPHQL_MUTATION : undefined);
        const res = await inner(input, init);
        budget.after(method, url, res.status, res.headers);
        return res;
    };
}
/** Whether a request to a GraphQL endpoint carries a mutation (onramp's own documents start with the keyword). */
function graphqlMutation(url, body) {
    if (typeof body !== 'string' || !/\/graphql$/.test(new URL(url, 'http://github.invalid').pathname))
        return false;
    try {
        const query = JSON.parse(body).query;
        return typeof query === 'string' && /^\s*mutation\b/.test(query);
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 58:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  s7: () => (/* reexport */ COMMON_INPUTS),
  Pd: () => (/* reexport */ budget/* ContentShare */.Pd),
  S3: () => (/* reexport */ EMPLOYEE_ID_PATTERN),
  Ru: () => (/* reexport */ EVENT_TYPES),
  f_: () => (/* reexport */ budget/* GITHUB_LIMITS */.f_),
  G7: () => (/* reexport */ granted_GRANTING_STEP),
  Po: () => (/* reexport */ HTTP_URL),
  cc: () => (/* reexport */ INTENT_FILE),
  wZ: () => (/* reexport */ INTENT_PREFIX),
  Rz: () => (/* reexport */ ITEM_KEY_PREFIX),
  lw: () => (/* reexport */ budget/* LEDGER_COMMIT_WRITES */.lw),
  LB: () => (/* reexport */ types_SYSTEMS),
  yo: () => (/* reexport */ errors_UserError),
  du: () => (/* reexport */ accessIdentifiers),
  HN: () => (/* reexport */ assertNotStale),
  gq: () => (/* reexport */ budget/* budgetOfClient */.gq),
  $N: () => (/* reexport */ canonical),
  iQ: () => (/* reexport */ clockFromEnv),
  iC: () => (/* reexport */ completeDue),
  iL: () => (/* reexport */ createAuditLog),
  UN: () => (/* reexport */ declarePublicData),
  fl: () => (/* reexport */ dueTasks),
  YV: () => (/* reexport */ durationProblem),
  hY: () => (/* reexport */ endGrants),
  Di: () => (/* reexport */ eventHash),
  xg: () => (/* reexport */ formatLocal),
  Vw: () => (/* reexport */ formatProblem),
  GP: () => (/* reexport */ getInputs),
  Kw: () => (/* reexport */ grantExpiryTasks),
  zP: () => (/* reexport */ grantedOrRole),
  hF: () => (/* reexport */ input),
  Cg: () => (/* reexport */ intentName),
  U4: () => (/* reexport */ isNewer),
  SY: () => (/* reexport */ keepDone),
  ZK: () => (/* reexport */ keptRead),
  xf: () => (/* reexport */ loadAccess),
  ty: () => (/* reexport */ maskPersonalData),
  bC: () => (/* reexport */ mdText),
  k8: () => (/* reexport */ mergeFileGrants),
  y8: () => (/* reexport */ notYet),
  wj: () => (/* reexport */ parseEvent),
  I9: () => (/* reexport */ parseEventKeys),
  et: () => (/* reexport */ plan),
  SW: () => (/* reexport */ planAccess),
  ki: () => (/* reexport */ planItems),
  _0: () => (/* reexport */ budget/* prepayWrites */._0),
  AE: () => (/* reexport */ event_publicIds),
  No: () => (/* reexport */ readRunnerEvent),
  Lq: () => (/* reexport */ reconcile),
  Tk: () => (/* reexport */ recordGranted),
  Ut: () => (/* reexport */ redactPersonalData),
  Br: () => (/* reexport */ renderSummary),
  Cs: () => (/* reexport */ runAction),
  xe: () => (/* reexport */ runsFast),
  hd: () => (/* reexport */ scheduleFor),
  n0: () => (/* reexport */ setOutputs),
  ml: () => (/* reexport */ retry/* systemClock */.ml),
  Do: () => (/* reexport */ taskKey),
  bD: () => (/* reexport */ retry/* withRetry */.bD),
  QZ: () => (/* reexport */ worst),
  Sy: () => (/* reexport */ writeSummary),
  nh: () => (/* reexport */ writeSummaryMarkdown)
});

// UNUSED EXPORTS: DEFAULT_GUARDRAILS_FILE, DEFAULT_POLICY, DEFAULT_ROLES_FILE, EMPLOYEE_ID_RULE, EVENT_KEY_MISSING, GITHUB_QUOTA_HEADERS, GRANTS_FILE_NAME, GRANT_KINDS, GRANT_KIND_NAMES, GRAPHQL_MUTATION, MANAGED_BY, MAX_COMMENT_CHARS, MAX_EVENT_FILE_BYTES, MAX_FUTURE_SKEW_SECONDS, NEVER_RETRY, OKTA_QUOTA_HEADERS, QUEUES, READ_BACK_POLICY, RERUN_TYPES, RESET_MARGIN_MS, RetryExhaustedError, SANDBOX_TIME_OFFSET_ENV, SANDBOX_TIME_ORIGIN_ENV, SANDBOX_TIME_SCALE_ENV, SIGNATURE_KEY, SIGNATURE_RULES, SLACK_DEFAULT_PER_MINUTE, SLACK_POSTS_PER_SECOND_PER_CHANNEL, SLACK_TIERS, STATE_PATTERN, STATE_REPOSITORY, ServerQuota, TokenBucket, WAKE_EVENT, accessEndsAt, accessStartsAt, activeGrantItems, assignmentKey, assignmentOf, backoffDelay, budgetedFetch, calendarDayStart, checkEmail, checkName, classifyHttp, containsPersonalData, eventInstant, eventShapeRule, failedBefore, getCommonInputs, githubBudget, grantEndedLine, grantItemProblems, grantItems, headerBudget, hmacMatchesAnyKey, identityStage, isActive, isCalendarDate, isLoopback, keyedHash, loadGuardrails, loadRoleMap, maskRecordsPersonalData, namesOf, normaliseEmail, parseAccess, parseGrantItemsInput, parseGrants, parseGuardrails, parseRoleMap, parseWake, parseYaml, percent, postLeave, queueOf, readEventFile, renderPlan, renderPlanMarkdown, reportError, resetPersonalData, revokedGrants, roleItems, roleOf, scaledClock, serverWaitMs, sharedBudget, shiftDays, showValue, signEvent, signedBytes, slackBudget, startOfDate, stickyBody, toField, untilMs, upsertStickyComment, verifyEventSignature, withholdPersonalData

;// CONCATENATED MODULE: ../../packages/core/src/types.ts
// The contracts every action shares. Shapes here are what design.md's tables mean in code.
/**
 * The immutable key for a person everywhere (design.md's event table). At least one letter or digit: the id
 * names the ledger file, so `.`, `..` and the like are never ids.
 */
const EMPLOYEE_ID_PATTERN = /^(?=[._-]*[A-Za-z0-9])[A-Za-z0-9._-]{1,64}$/;
/** The rule EMPLOYEE_ID_PATTERN enforces, for error messages. */
const EMPLOYEE_ID_RULE = 'must be 1-64 of A-Z a-z 0-9 . _ - with at least one letter or digit';
const EVENT_TYPES = ['onboard', 'role-change', 'offboard'];
/** What a person may ask for by hand (workflow_dispatch): a rerun of an HR event, or an emergency offboard. */
const RERUN_TYPES = [...EVENT_TYPES, 'offboard-now'];
/** The systems onramp grants access in; `slack` is the role channels. */
const types_SYSTEMS = ['identity', 'github', 'aws', 'slack'];

;// CONCATENATED MODULE: ../../packages/core/src/granted.ts
// What onramp granted a person, per system, as item keys: what it may take away. One place says which item
// keys a role's definition means, and how a record written before `granted` existed is read (never as
// "revoke everything": as what the map gives the record's role).

/** `assignment:<account>/<permission set arn>`: an Identity Center assignment's item key. */
function assignmentKey(a) {
    return `${ITEM_KEY_PREFIX.ssoAssignment}${a.account}/${a.permissionSet}`;
}
/** The assignment an item key names (the account is the part before the first `/`). */
function assignmentOf(key) {
    const rest = key.slice(ITEM_KEY_PREFIX.ssoAssignment.length);
    const at = rest.indexOf('/');
    return { account: rest.slice(0, at), permissionSet: rest.slice(at + 1) };
}
/** The step that grants in each system (it records `granted[system]` every time it records a result). */
const granted_GRANTING_STEP = {
    identity: 'identity',
    github: 'github',
    aws: 'aws',
    slack: 'notify',
};
const ITEM_KEY_PREFIX = {
    identityGroup: 'group:',
    githubTeam: 'team:',
    awsGroup: 'group:',
    awsPolicy: 'policy:',
    slackChannel: 'channel:',
    /** IAM Identity Center (aws.mode identity-center): `assignment:<account>/<permission set arn>`. */
    ssoAssignment: 'assignment:',
    ssoGroup: 'sso-group:',
};
const sorted = (keys) => [...new Set(keys)].sort();
function itemKeys(n) {
    const keys = (prefix, names) => (names ?? []).map((x) => prefix + x);
    return {
        identity: sorted(keys(ITEM_KEY_PREFIX.identityGroup, n.identityGroups)),
        github: sorted(keys(ITEM_KEY_PREFIX.githubTeam, n.teams?.map((t) => t.slug))),
        aws: sorted([
            ...keys(ITEM_KEY_PREFIX.awsGroup, n.awsGroups),
            ...keys(ITEM_KEY_PREFIX.awsPolicy, n.policies),
            ...(n.assignments ?? []).map(assignmentKey),
            ...keys(ITEM_KEY_PREFIX.ssoGroup, n.ssoGroups),
        ]),
        slack: sorted(keys(ITEM_KEY_PREFIX.slackChannel, n.channels)),
    };
}
/** The item keys a role's definition grants, per system (every system present, empty when not named). */
function roleItems(role) {
    return itemKeys({
        identityGroups: role?.identity?.groups,
        teams: role?.github?.teams,
        awsGroups: role?.aws?.groups,
        policies: role?.aws?.policies,
        assignments: role?.aws?.identityCenter?.assignments,
        ssoGroups: role?.aws?.identityCenter?.groups,
        channels: role?.slack?.channels,
    });
}
/** A role by its exact key (the map is a null-prototype object; `hasOwn` keeps `__proto__` out anyway). */
function roleOf(map, key) {
    return key !== undefined && Object.hasOwn(map.roles, key) ? map.roles[key] : undefined;
}
/**
 * The record's `granted`, per system where it is known: the recorded list; for Slack, else the channels notify
 * recorded inviting to (`ids.slack.channels`, kept before `granted` existed); else, when the record's `steps`
 * show the system's step ran (Slack: whatever ran) without recording any, none. A system left absent is read
 * as what the map gives the record's role (`grantedOrRole`): a record from before `granted` existed, or a
 * record-like object without steps.
 */
function recordGranted(record) {
    const out = {};
    const steps = record?.steps;
    for (const s of types_SYSTEMS) {
        const recorded = record?.granted?.[s];
        const channels = s === 'slack' ? record?.ids?.slack?.channels : undefined;
        if (recorded)
            out[s] = sorted(recorded);
        else if (channels)
            out[s] = sorted(channels.map((c) => ITEM_KEY_PREFIX.slackChannel + c));
        // Notify kept `ids.slack.channels` whenever it invited anyone: a record with steps and none invited nobody.
        else if (steps && (s === 'slack' || !steps[granted_GRANTING_STEP[s]]))
            out[s] = [];
    }
    return out;
}
/** Per system, what onramp may take away: the known list, else what `map` gives `role`. */
function grantedOrRole(granted, map, role) {
    const implied = roleItems(roleOf(map, role));
    const out = {};
    for (const s of types_SYSTEMS)
        out[s] = granted[s] ? sorted(granted[s]) : implied[s];
    return out;
}
/** `group:backend` → `backend` for keys of `prefix`; other keys are dropped. */
function namesOf(keys, prefix) {
    return keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}
/** The item keys a person's plan wants present, per system (a leaver's: none). */
function planItems(plan) {
    return itemKeys({
        identityGroups: plan.identity?.groups,
        teams: plan.github?.teams,
        awsGroups: plan.aws?.groups,
        policies: plan.aws?.policies,
        assignments: plan.identityCenter?.assignments,
        ssoGroups: plan.identityCenter?.groups,
        channels: plan.slack?.channels,
    });
}

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@date-fns+tz@1.5.0/node_modules/@date-fns/tz/tzOffset/index.js
const offsetFormatCache = {};
const offsetCache = {};

/**
 * The function returns UTC offset in minutes for the given date in specified
 * time zone.
 *
 * Unlike `Date.prototype.getTimezoneOffset`, this function returns the value
 * mirrored to the sign of the offset in the time zone. For Asia/Singapore
 * (UTC+8), `tzOffset` returns `480`, while `getTimezoneOffset` returns `-480`.
 *
 * It uses `Intl.DateTimeFormat` internally to access otherwise unavailable
 * runtime's time zone data, and falls back to basic manual parsing if Intl API
 * is not supported (e.g., older Node.js versions, React Native's Hermes, etc.).
 *
 * @param timeZone - Time zone name (IANA or UTC offset).
 * @param date - Date to check the offset for.
 *
 * @returns UTC offset in minutes (e.g., `480` for date in UTC+8).
 */
function tzOffset(timeZone, date) {
  try {
    // Create `Intl.DateTimeFormat` with `"longOffset"` that gives us consistent
    // date strings like `"5/19/2026, GMT-08:00"`.
    const format = offsetFormatCache[timeZone] ||= new Intl.DateTimeFormat("en-US", {
      timeZone,
      timeZoneName: "longOffset"
    }).format;

    // Get `"-08:00"`.
    const offsetStr = format(date).split("GMT")[1];

    // Avoid parsing the same offset string.
    if (offsetStr in offsetCache) return offsetCache[offsetStr];

    // Calculate offset from `["-08", "00"]` and cache it.
    return calcOffset(offsetStr, offsetStr.split(":"));
  } catch {
    // Fallback to manual parsing if the runtime doesn't support
    // `±HH:MM/±HHMM/±HH`. See: https://github.com/nodejs/node/issues/53419.
    if (timeZone in offsetCache) return offsetCache[timeZone];
    const captures = timeZone?.match(offsetRe);
    if (captures) return calcOffset(timeZone, captures.slice(1));
    return NaN;
  }
}
const offsetRe = /([+-]\d\d):?(\d\d)?/;
function calcOffset(cacheStr, values) {
  const hours = +(values[0] || 0);
  const minutes = +(values[1] || 0);
  // Convert seconds to minutes by dividing by 60 to keep the function return in minutes.
  const seconds = +(values[2] || 0) / 60;
  return offsetCache[cacheStr] = hours * 60 + minutes > 0 ? hours * 60 + minutes + seconds : hours * 60 - minutes - seconds;
}
;// CONCATENATED MODULE: ../../node_modules/.pnpm/@date-fns+tz@1.5.0/node_modules/@date-fns/tz/date/mini.js


// TZDate stores time in two `Date` objects because native `Date` can only
// expose local fields in the system time zone.
//
// The external date (`this`) stores the real timestamp. It is the value used by
// `getTime()`, `valueOf()`, UTC getters/setters, comparisons, and arithmetic.
// Its local getters are not used for target-zone fields because they would read
// the timestamp through the system time zone.
//
// The internal date (`this.internal`) stores the target-zone wall-clock fields.
// We read and write those fields through UTC getters/setters so the host system
// time zone cannot reinterpret them. For example, `getHours()` returns
// `internal.getUTCHours()`, and `setHours()` writes `internal.setUTCHours(...)`.
//
// Syncing moves data between the two representations:
//
// - `syncToInternal` starts from the external timestamp and rebuilds internal
//   wall-clock fields using `this.timeZone` offset.
//
// - `syncFromInternal` starts from internal wall-clock fields, writes them into
//   the external date, then adjusts that timestamp for the system/target offset
//   difference and DST edge cases.
//
// The public TZDate value is the combination of both: external is the instant,
// internal is the wall-clock view of that instant in `this.timeZone`.

class TZDateMini extends Date {
  //#region static

  constructor(...args) {
    super();

    // Time zone string is always the last string argument unless date string
    // is passed (as a single argument).
    if (args.length > 1 && typeof args[args.length - 1] === "string") {
      this.timeZone = args.pop();
    }
    this.internal = new Date();

    // Validate the time zone by checking its offset.
    if (isNaN(tzOffset(this.timeZone, this))) {
      this.setTime(NaN);
    } else {
      if (!args.length) {
        // No arguments passed: use current time
        this.setTime(Date.now());
      } else if (typeof args[0] === "number" && (args.length === 1 || args.length === 2 && typeof args[1] !== "number")) {
        // Timestamp passed: use it as is
        this.setTime(args[0]);
      } else if (typeof args[0] === "string") {
        // `Date` string passed: parse it as external date
        this.setTime(+new Date(args[0]));
      } else if (args[0] instanceof Date) {
        // `Date` passed: use its timestamp
        this.setTime(+args[0]);
      } else {
        // `Date` values passed:

        // Set it as external date.
        this.setTime(+new Date(...args));

        // Adjust internal and external dates considering that we might have
        // landed on the DST hour.
        adjustToSystemTZ(this, args);
      }
    }
  }
  static tz(tz, ...args) {
    return args.length ? new TZDateMini(...args, tz) : new TZDateMini(Date.now(), tz);
  }

  //#endregion

  //#region time zone

  withTimeZone(timeZone) {
    return new TZDateMini(+this, timeZone);
  }
  getTimezoneOffset() {
    const offset = -tzOffset(this.timeZone, this);
    // Remove the seconds offset using `Math.floor` for negative UTC time zones
    // and `Math.ceil` for positive UTC time zones.
    return offset > 0 ? Math.floor(offset) : Math.ceil(offset);
  }

  //#endregion

  //#region time

  setTime(_time) {
    // Use the native `setTime` to the external date time.
    Date.prototype.setTime.apply(this, arguments);

    // Then apply it to the internal date adjusting to the timezone offset.
    syncToInternal(this);
    return +this;
  }

  //#endregion

  //#region date-fns integration

  [Symbol.for("constructDateFrom")](date) {
    return new TZDateMini(+new Date(date), this.timeZone);
  }

  //#endregion
}

// Assign getters and setters
const re = /^(get|set)(?!UTC)/;
Object.getOwnPropertyNames(Date.prototype).forEach(method => {
  if (!re.test(method)) return;
  const utcMethod = method.replace(re, "$1UTC");
  // Filter out methods without UTC counterparts
  if (!TZDateMini.prototype[utcMethod]) return;
  if (method.startsWith("get")) {
    // Delegate to internal date's UTC method
    TZDateMini.prototype[method] = function () {
      return this.internal[utcMethod]();
    };
  } else {
    // Assign regular setter
    TZDateMini.prototype[method] = function () {
      Date.prototype[utcMethod].apply(this.internal, arguments);
      syncFromInternal(this);
      return +this;
    };

    // Assign UTC setter
    TZDateMini.prototype[utcMethod] = function () {
      Date.prototype[utcMethod].apply(this, arguments);
      syncToInternal(this);
      return +this;
    };
  }
});

/**
 * @internal
 * Function syncs time to internal date, applying the current time zone offset.
 *
 * @param {Date} date - `Date` to sync
 */
function syncToInternal(date) {
  // Start internal from the same real timestamp as external.
  date.internal.setTime(+date);

  // Shift internal by the target offset so its UTC fields become the target-zone
  // wall-clock fields for the external timestamp.
  //
  //   o internal UTC fields: 2024-02-11 00:00
  //   |
  //   | + Asia/Singapore offset (+08:00)
  //   v
  //   x internal UTC fields: 2024-02-11 08:00
  //
  date.internal.setUTCSeconds(date.internal.getUTCSeconds() -
  // Round after converting minutes to seconds to avoid fractional offset
  // precision errors from historical offsets.
  Math.round(-tzOffset(date.timeZone, date) * 60));
}

/**
 * @internal
 * Function syncs internal wall-clock fields into the external date.
 *
 * @param {Date} date - The date to sync
 */
function syncFromInternal(date) {
  // Copy target-zone wall-clock fields from internal into external using native
  // local setters. At this point external holds the right field values but they
  // are interpreted in the system time zone; `adjustToSystemTZ` fixes that.
  Date.prototype.setFullYear.call(date, date.internal.getUTCFullYear(), date.internal.getUTCMonth(), date.internal.getUTCDate());
  Date.prototype.setHours.call(date, date.internal.getUTCHours(), date.internal.getUTCMinutes(), date.internal.getUTCSeconds(), date.internal.getUTCMilliseconds());

  // Now we have to adjust the date to the system time zone
  adjustToSystemTZ(date);
}

/**
 * @internal
 * Function adjusts the date to the system time zone. It uses the time zone
 * differences to calculate the offset and adjust the date.
 *
 * We use it when constructing `TZDate` and syncing the external date from
 * the internal one.
 *
 * @param {TZDate} date - `TZDate` to adjust.
 */
function adjustToSystemTZ(date, constructorArgs) {
  // Keep the intended target-zone wall-clock value before native Date/system
  // time zone normalization can move it. Later corrections compare against this
  // value to distinguish intended DST normalization from accidental drift.
  const expectedInternalTime = Array.isArray(constructorArgs) ? constructorArgsToInternalTime(constructorArgs) : +date.internal;
  //#region Initial offset calculation

  // Current target time zone offset at the native timestamp. It may include
  // historical offset seconds, which we preserve for the seconds adjustment.
  const offsetWithSeconds = tzOffset(date.timeZone, date);

  // Minute-precision target offset used by minute-based timestamp adjustments.
  // Historical offsets can contain seconds, so we strip the fractional minute
  // here and handle remaining seconds in the seconds adjustment below.
  const offset = offsetWithSeconds > 0 ? Math.floor(offsetWithSeconds) : Math.ceil(offsetWithSeconds);

  //#endregion

  //#region System DST adjustment

  // Native `Date` may normalize the requested wall time when the system time
  // zone skips that hour for DST.
  //
  // We compare the system wall-clock hour represented by the external date with
  // the wall-clock hour stored in the internal date. If they differ, the next
  // offset-diff calculation may need the previous system offset, because the
  // current external timestamp is already after the system DST jump.

  // Previous-hour reference used to detect whether the system offset changed
  // immediately before the current native timestamp.
  const prevHour = new Date(+date);

  // Use UTC math so subtracting one hour cannot be normalized back into the
  // same missing local DST hour.
  prevHour.setUTCHours(prevHour.getUTCHours() - 1);

  // Current system offset at the native timestamp.
  const systemOffset = -new Date(+date).getTimezoneOffset();

  // System offset one real hour before the native timestamp.
  const prevHourSystemOffset = -new Date(+prevHour).getTimezoneOffset();

  // Non-zero when the system offset changed between `prevHour` and `date`.
  const systemDSTChange = systemOffset - prevHourSystemOffset;

  // System offset to use in the later system-target offset difference.
  // Defaults to the current system offset and switches to the previous offset
  // only when native `Date` normalized a missing system wall time.
  let systemOffsetForDiff = systemOffset;
  if (systemDSTChange && systemOffset !== offset) {
    // System wall-clock hour represented by the current external timestamp.
    const systemHour = Date.prototype.getHours.apply(date);

    // Target wall-clock hour currently stored in internal fields. Constructors
    // get it from arguments because internal may have already been synced from
    // the normalized external timestamp; setters get it directly from internal.
    const expectedHour = Array.isArray(constructorArgs) ? constructorArgs[3] || 0 : date.internal.getUTCHours();
    if (systemHour !== expectedHour) {
      // Check whether using the current system offset would keep the target
      // offset unchanged. If so, the only DST jump we crossed is the system
      // one, so the diff should use the pre-DST system offset.
      const testDate = new Date(+date);

      // Difference that the later offset-diff step would apply with the
      // current system offset.
      const testOffsetDiff = systemOffset - offset;
      if (testOffsetDiff) testDate.setUTCMinutes(testDate.getUTCMinutes() + testOffsetDiff);

      // Target offset after applying the current system offset difference.
      const testOffsetWithSeconds = tzOffset(date.timeZone, testDate);

      // Target offset without historical seconds, matching `offset`.
      const testOffset = testOffsetWithSeconds > 0 ? Math.floor(testOffsetWithSeconds) : Math.ceil(testOffsetWithSeconds);
      if (testOffset === offset) systemOffsetForDiff = prevHourSystemOffset;
    }
  }

  //#endregion

  //#region System diff adjustment

  // Move external from the system-zone interpretation of internal fields toward
  // the timestamp that represents those fields in the target time zone.
  //
  // At this point native `Date` has treated the internal wall-clock fields as if
  // they belonged to the system zone. The system-target offset difference moves
  // external by the distance between that system interpretation and the target
  // interpretation.

  // Difference between the system offset selected above and the minute-precision
  // target offset. Positive values move external forward; negative values move
  // it backward.
  const offsetDiff = systemOffsetForDiff - offset;
  if (offsetDiff)
    // Apply the system-target minute difference to external. Internal is
    // rebuilt from the final external timestamp after all adjustments are
    // complete.
    //
    //   o  external as target: 2023-01-31 23:00
    //   |
    //   |  add `offsetDiff`
    //   v
    //   x  external as target: 2023-02-01 12:00
    //
    Date.prototype.setUTCMinutes.call(date, Date.prototype.getUTCMinutes.call(date) + offsetDiff);

  //#endregion

  //#region Seconds system diff adjustment

  // Historical time zone offsets can include seconds, but the minute-based
  // offset adjustment above intentionally used minute precision.
  //
  // This adjustment applies the remaining seconds difference to external. For
  // example, historical Singapore used UTC+06:55:25, while ISO formatting shows
  // only `+06:55`; without the seconds correction, setter paths keep the wrong
  // wall-clock seconds.

  // Clone external as a native `Date` so we can inspect how the system time zone
  // represents the same timestamp.
  const systemDate = new Date(+date);

  // Zero UTC seconds before reading system seconds. Any remaining local seconds
  // then come from the system time zone offset rather than from the timestamp's
  // own seconds value.
  systemDate.setUTCSeconds(0);

  // Seconds part contributed by the system time zone offset. Negative offsets
  // need wrapping because `Date#getSeconds()` returns values in the 0..59 range.
  const systemSecondsOffset = systemOffset > 0 ? systemDate.getSeconds() : (systemDate.getSeconds() - 60) % 60;

  // Seconds part contributed by the target time zone offset.
  const secondsOffset = Math.round(-(tzOffset(date.timeZone, date) * 60)) % 60;
  if (secondsOffset || systemSecondsOffset)
    // Apply the remaining second-level system-target difference to external.
    //
    //   o  external as Asia/Singapore: 1900-01-01 00:00:56
    //   |
    //   |  + `secondsOffset`
    //   |  + `systemSecondsOffset`
    //   v
    //   x  external as Asia/Singapore: 1900-01-01 00:00:31
    //
    Date.prototype.setUTCSeconds.call(date, Date.prototype.getUTCSeconds.call(date) + secondsOffset + systemSecondsOffset);

  //#endregion

  //#region Post-adjustment DST fix

  // The first system-target offset move can cross a target-zone DST boundary.
  //
  // When that happens, the target offset at the new external timestamp differs
  // from the target offset used for `offsetDiff`. We compare the original move
  // with the move that would be calculated at the new timestamp, then apply the
  // difference to external.

  // Target offset at the current external timestamp, including historical
  // seconds for the later seconds adjustment.
  const postOffsetWithSeconds = tzOffset(date.timeZone, date);

  // Minute-precision target offset at the current external timestamp.
  const postOffset = postOffsetWithSeconds > 0 ? Math.floor(postOffsetWithSeconds) : Math.ceil(postOffsetWithSeconds);

  // System offset at the current external timestamp.
  const postSystemOffset = -new Date(+date).getTimezoneOffset();

  // System-target offset difference at the current external timestamp.
  const postOffsetDiff = postSystemOffset - postOffset;

  // Whether the target offset changed after the first offset move.
  const offsetChanged = postOffset !== offset;

  // Difference between the current offset move and the move already applied.
  const postDiff = postOffsetDiff - offsetDiff;

  // If the first offset move already normalized a target DST gap forward, the
  // generic post-DST correction below would undo that valid normalization. This
  // happens, for example, with America/New_York 02:00 during spring-forward when
  // the system zone also changes offset around the same instant.
  const targetDSTShift = postOffset - offset;

  // Candidate timestamp that would represent the requested wall-clock time with
  // the post-transition target offset. If it still does not round-trip to the
  // requested wall-clock fields, the requested time is inside a target DST gap.
  const postOffsetCandidate = expectedInternalTime - postOffset * 60 * 1000;

  // Only positive target offset shifts are spring-forward gaps. Negative shifts
  // are fall-back overlaps and still need the regular post-adjustment path.
  const normalizedTargetDSTGap = targetDSTShift > 0 && targetInternalTime(date) - expectedInternalTime === targetDSTShift * 60 * 1000 && targetInternalTime(date, postOffsetCandidate) !== expectedInternalTime;
  if (offsetChanged && postDiff && !normalizedTargetDSTGap) {
    // Apply the target-DST correction to external. In the backward-crossing case
    // shown here, this lands on an intermediate value that needs `offsetChange`
    // below.
    //
    //   o  external as America/New_York: 2023-03-12 03:00 EDT
    //   |
    //   |  + `postDiff`
    //   v
    //   x  external as America/New_York: 2023-03-12 01:00 EST
    //
    Date.prototype.setUTCMinutes.call(date, Date.prototype.getUTCMinutes.call(date) + postDiff);

    // Target offset after applying `postDiff`. It may change again if the
    // correction itself crosses a target-zone DST boundary.
    const newOffsetWithSeconds = tzOffset(date.timeZone, date);

    // Minute-precision target offset after applying `postDiff`.
    const newOffset = newOffsetWithSeconds > 0 ? Math.floor(newOffsetWithSeconds) : Math.ceil(newOffsetWithSeconds);

    // Offset change caused by the `postDiff` move itself.
    const offsetChange = postOffset - newOffset;

    // If the correction moved external backward across the target DST boundary,
    // apply the boundary change so external lands on the valid target-zone
    // timestamp. Forward crossings are already normalized by native Date, and
    // applying this correction there would undo the valid post-DST result.
    if (offsetChange && postDiff < 0) {
      // Apply the second target-DST correction to external.
      //
      //   o  external as America/New_York: 2023-03-12 01:00 EST
      //   |
      //   |  + `offsetChange`
      //   v
      //   x  external as America/New_York: 2023-03-12 03:00 EDT
      //
      Date.prototype.setUTCMinutes.call(date, Date.prototype.getUTCMinutes.call(date) + offsetChange);
    }
  }

  //#endregion

  // Rebuild internal wall-clock fields from the final external timestamp.
  syncToInternal(date);

  // Native Date can normalize historical system offsets with minute and second
  // precision before we adjust to the target time zone. Correct only small
  // historical drift so DST gap normalization (usually one hour) remains intact.
  const expectedTime = constructorArgs ? expectedInternalTime : expectedInternalTime + secondsOffset * 1000;
  const drift = expectedTime - +date.internal;
  if (drift && Math.abs(drift) < 30 * 60 * 1000) {
    Date.prototype.setTime.call(date, +date + drift);
    syncToInternal(date);
  }
}
function constructorArgsToInternalTime(args) {
  // Mirror Date's date-value constructor defaults while preserving explicit
  // `undefined` behavior. Missing month/day default, but passed `undefined`
  // should remain invalid just like `Date.UTC(year, undefined, ...)`.
  return Date.UTC(args[0], args.length > 1 ? args[1] : 0, args.length > 2 ? args[2] : 1, ...args.slice(3));
}
function targetInternalTime(date, time) {
  // Compute the target-zone wall-clock representation for a timestamp without
  // mutating the TZDate. This mirrors syncToInternal for temporary checks.
  const internal = new Date(time ?? +date);
  internal.setUTCSeconds(internal.getUTCSeconds() - Math.round(-tzOffset(date.timeZone, internal) * 60));
  return +internal;
}
;// CONCATENATED MODULE: ../../packages/core/src/dates.ts
// When a dated HR event takes effect. A joiner's start date and a leaver's last day are calendar dates in the
// organization's time zone (guardrails `dates.time-zone`); every decision here takes `now` from the caller's
// clock (clockFromEnv), so tests and the demo move time. Days are calendar days in that zone: "3 days before a
// start date" keeps the local time of day across a daylight-saving change (the interval is then 71 or 73 hours).
//
// A step asks notYet() whether its part of the event is due; scheduleFor() lists every moment the event's
// desired state changes, which the ledger keeps as the person's scheduled tasks and the scheduled run executes.
// The minimal class: the getters and setters in a zone, without string formatting (tzName).

/**
 * The start of a calendar date (YYYY-MM-DD) in `zone` as epoch ms: 00:00, or the first minute after it where a
 * daylight-saving change skips midnight. Undefined when the date is not on the calendar (2026-02-30), which
 * Date and TZDate would roll over into the next month.
 */
function calendarDayStart(date, zone) {
    if (!isCalendarDate(date))
        return undefined;
    const [year, month, day] = date.split('-').map(Number);
    return firstReading(new TZDateMini(year, month - 1, day, zone));
}
/** Whether `s` is YYYY-MM-DD and a day on the calendar (not 2026-02-30). */
function isCalendarDate(s) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m)
        return false;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
/**
 * The first instant that reads as `d`'s local time: where a daylight-saving change repeats an hour (or half hour),
 * its first pass, so that a day starts, and a last day's hour ends access, at the earlier of the two.
 */
function firstReading(d) {
    const wall = (x) => [x.getFullYear(), x.getMonth(), x.getDate(), x.getHours(), x.getMinutes()].join();
    for (const back of [3_600_000, 1_800_000]) {
        const earlier = new TZDateMini(d.getTime() - back, d.timeZone);
        if (wall(earlier) === wall(d))
            return earlier.getTime();
    }
    return d.getTime();
}
/** 00:00 of a calendar date (YYYY-MM-DD) in `zone`, as epoch ms. */
function startOfDate(date, zone) {
    const ms = calendarDayStart(date, zone);
    if (ms === undefined)
        throw new Error(`not a calendar date (YYYY-MM-DD) in ${zone}`);
    return ms;
}
/** `ms` moved by whole calendar days in `zone`, keeping the local time of day (DST-correct). */
function shiftDays(ms, days, zone) {
    const d = new TZDateMini(ms, zone);
    d.setDate(d.getDate() + days);
    return firstReading(d);
}
/** `ms` (a local midnight) at `hour`:00 the same day in `zone`. */
function atHour(ms, hour, zone) {
    const d = new TZDateMini(ms, zone);
    d.setHours(hour);
    return firstReading(d);
}
/** An onboard with a start date: when access starts (00:00 local on the start date). */
function accessStartsAt(event, policy) {
    if (event.type !== 'onboard' || !event.startDate)
        return undefined;
    return startOfDate(event.startDate, policy.timeZone);
}
/**
 * An offboard: when access ends. At once when it is urgent or names no last day; else at `lastHour`:00 on the last
 * day, or at the end of that day (00:00 local the day after). Never before the event itself.
 */
function accessEndsAt(event, policy) {
    if (event.type !== 'offboard')
        return undefined;
    const occurred = Date.parse(event.occurredAt);
    if (event.urgent || !event.lastDay)
        return occurred;
    const day = startOfDate(event.lastDay, policy.timeZone);
    const end = event.lastHour !== undefined ? atHour(day, event.lastHour, policy.timeZone) : shiftDays(day, 1, policy.timeZone);
    return Math.max(end, occurred);
}
const iso = (ms) => new Date(ms).toISOString();
/**
 * Every moment the event's desired state changes, per step, in order. An onboard without a start date, a role
 * change, and an offboard without a last day and without post-leave steps have none: they take effect at once.
 */
function scheduleFor(event, policy) {
    const tasks = [];
    const add = (step, why, ms) => tasks.push({ step, why, due: iso(ms), event_id: event.eventId });
    const zone = policy.timeZone;
    const start = accessStartsAt(event, policy);
    if (start !== undefined) {
        const { githubDaysBefore, awsDaysBefore, welcomeDaysBefore } = policy.joiner;
        add('identity', 'start', start);
        add('github', githubDaysBefore ? 'early' : 'start', shiftDays(start, -githubDaysBefore, zone));
        add('aws', awsDaysBefore ? 'early' : 'start', shiftDays(start, -awsDaysBefore, zone));
        add('notify', 'welcome', shiftDays(start, -welcomeDaysBefore, zone));
        add('notify', 'start', start);
    }
    const end = accessEndsAt(event, policy);
    if (end !== undefined) {
        if (event.lastDay && !event.urgent)
            for (const step of ['identity', 'github', 'aws', 'notify'])
                add(step, 'leave', end);
        const { deactivateAfterDays, deleteAfterDays } = policy.leaver;
        if (deactivateAfterDays)
            add('identity', 'deactivate', shiftDays(end, deactivateAfterDays, zone));
        if (deleteAfterDays)
            add('aws', 'delete', shiftDays(end, deleteAfterDays, zone));
    }
    return tasks.sort((a, b) => a.due.localeCompare(b.due));
}
/**
 * Whether `step` must wait before doing anything for the event: the step's first task is later than `now`. The
 * identity step never waits for a joiner (the account is prepared STAGED before the start date: identityStage).
 */
function notYet(step, event, policy, now) {
    if (event.type === 'onboard' && step === 'identity')
        return undefined;
    const first = scheduleFor(event, policy).find((t) => t.step === step);
    if (!first || first.why === 'deactivate' || first.why === 'delete')
        return undefined;
    return Date.parse(first.due) > now ? { until: first.due, why: first.why } : undefined;
}
/** A joiner's identity provider account: STAGED (created, not activated) before the start date, then active. */
function identityStage(event, policy, now) {
    const start = accessStartsAt(event, policy);
    return start !== undefined && now < start ? 'staged' : 'active';
}
/** A leaver's post-leave steps that are due at `now`. */
function postLeave(event, policy, now) {
    const due = (why) => scheduleFor(event, policy).some((t) => t.why === why && Date.parse(t.due) <= now);
    return { deactivate: due('deactivate'), delete: due('delete') };
}
/** What makes a task the same task from one run to the next (its step, why, due time and owner). */
function taskKey(t) {
    return `${t.step}|${t.why}|${t.due}|${t.event_id ?? ''}|${t.grant_id ?? ''}`;
}
/** `fresh` tasks, each replaced by the same task in `previous` (which keeps its done stamp), by due time. */
function keepDone(previous, fresh) {
    const had = new Map((previous ?? []).map((t) => [taskKey(t), t]));
    return fresh.map((t) => had.get(taskKey(t)) ?? t).sort((a, b) => a.due.localeCompare(b.due));
}
/** Tasks due at `now` and not done yet. */
function dueTasks(tasks, now) {
    return tasks.filter((t) => !t.done_at && Date.parse(t.due) <= now);
}
/** The step's tasks that are due at `now`, stamped done (when, and how late): what a step that ran records. */
function completeDue(tasks, step, now) {
    return tasks.map((t) => t.step === step && !t.done_at && Date.parse(t.due) <= now
        ? { ...t, done_at: iso(now), late_ms: now - Date.parse(t.due) }
        : t);
}
/** `2026-12-14 00:00 Asia/Tokyo`: a due time as the organization reads it. */
function formatLocal(at, zone) {
    const ms = typeof at === 'number' ? at : Date.parse(at);
    const d = new TZDateMini(ms, zone);
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())} ${zone}`;
}

;// CONCATENATED MODULE: ../../packages/core/src/grants.ts
// Time-bound grants: extra items from guardrails `grants.allowed` for one person until a time. Two reviewed ways
// in: an entry of .github/access/grants.yaml (a reviewed pull request; keyed by its id) and grant.yml
// (workflow_dispatch through the protected `onramp-grant` environment; keyed `run-<run id>`). The ledger keeps
// every grant the person had (TimeBoundGrant in @onramp/ledger); while `now < until` and not ended its items are
// desired (plan.ts), so at `until` they drop out and granted − desired removes them like any other removal.



/** The file's (and grant.yml's) kinds of item: which system, which item key prefix, which allowlist. */
const GRANT_KINDS = {
    'identity-groups': { system: 'identity', prefix: ITEM_KEY_PREFIX.identityGroup, allowed: 'identityGroups' },
    'github-teams': { system: 'github', prefix: ITEM_KEY_PREFIX.githubTeam, allowed: 'githubTeams' },
    'aws-policies': { system: 'aws', prefix: ITEM_KEY_PREFIX.awsPolicy, allowed: 'awsPolicies' },
    'aws-groups': { system: 'aws', prefix: ITEM_KEY_PREFIX.awsGroup, allowed: 'awsGroups' },
    'slack-channels': { system: 'slack', prefix: ITEM_KEY_PREFIX.slackChannel, allowed: 'slackChannels' },
};
const GRANT_KIND_NAMES = Object.keys(GRANT_KINDS);
const grants_iso = (ms) => new Date(ms).toISOString();
/** Item keys per system from names per kind (`github-teams: [sre]` → `github: ['team:sre']`), sorted. */
function grantItems(kinds) {
    const out = {};
    for (const kind of GRANT_KIND_NAMES) {
        const names = kinds[kind];
        if (!names?.length)
            continue;
        const { system, prefix } = GRANT_KINDS[kind];
        out[system] = [...new Set([...(out[system] ?? []), ...names.map((n) => prefix + n)])].sort();
    }
    return out;
}
/**
 * What is wrong with these items against guardrails: no `grants` section, an item not in its allowlist, AWS
 * items in Identity Center mode. `field` names where the items were written (`grants[2].items`, `inputs.items`).
 */
function grantItemProblems(kinds, guardrails, field) {
    const policy = guardrails.grants;
    if (!policy)
        return [{ field: 'grants', rule: 'guardrails.yaml has no grants section: no grant may be given' }];
    const problems = [];
    for (const kind of GRANT_KIND_NAMES) {
        const names = kinds[kind] ?? [];
        const allowed = new Set(policy.allowed[GRANT_KINDS[kind].allowed]);
        if (GRANT_KINDS[kind].system === 'aws' && names.length && guardrails.identityCenter) {
            problems.push({ field: `${field}.${kind}`, rule: 'AWS grants need guardrails aws.mode iam-users' });
            continue;
        }
        names.forEach((name, i) => {
            if (!allowed.has(name))
                problems.push({ field: `${field}.${kind}[${i}]`, rule: `not in guardrails grants.allowed.${kind}` });
        });
    }
    if (!GRANT_KIND_NAMES.some((k) => kinds[k]?.length))
        problems.push({ field, rule: 'names no item' });
    return problems;
}
/** `until` as written (a date: 00:00 that day in `zone`; or a date-time with an offset) in epoch ms, or undefined. */
function untilMs(value, zone) {
    // Date.parse refuses 25:00 and an offset past ±23:59 but rolls 2026-02-30 over into March: the day is checked.
    if (!isCalendarDate(value.slice(0, 10)))
        return undefined;
    if (value.length === 10)
        return calendarDayStart(value, zone);
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
}
function isActive(grant, now) {
    return !grant.ended && Date.parse(grant.until) > now;
}
/** The items of the grants active at `now`, per system, sorted. */
function activeGrantItems(grants, now) {
    const out = {};
    for (const s of types_SYSTEMS)
        out[s] = [];
    for (const g of grants ?? [])
        if (isActive(g, now))
            for (const s of types_SYSTEMS)
                out[s].push(...(g.items[s] ?? []));
    for (const s of types_SYSTEMS)
        out[s] = [...new Set(out[s])].sort();
    return out;
}
/**
 * The person's grants with the file's entries for them brought in: a new entry is recorded from `now`; a
 * recorded file grant takes the file's items and end (a reviewed edit); one that left the file before it ended is
 * ended `withdrawn`. An ended grant stays ended (a new grant takes a new id). Grants from grant.yml are kept as
 * they are. Deterministic: the same inputs give the same list, so a rerun writes nothing new.
 */
function mergeFileGrants(recorded, file, now, approvedBy) {
    const byId = new Map(file.map((f) => [f.id, f]));
    const out = [];
    for (const g of recorded ?? []) {
        const f = byId.get(g.id);
        byId.delete(g.id);
        if (g.ended || g.source !== 'file')
            out.push(g);
        else if (!f)
            out.push({ ...g, ended: { at: grants_iso(now), why: 'withdrawn' } });
        else
            out.push({ ...g, items: f.items, until: f.until, reason: f.reason });
    }
    for (const f of byId.values()) {
        // An entry already past its end when first seen gives nothing: it is not recorded.
        if (Date.parse(f.until) <= now)
            continue;
        out.push({
            id: f.id,
            items: f.items,
            from: grants_iso(now),
            until: f.until,
            requested_by: 'grants.yaml',
            approved_by: approvedBy,
            reason: f.reason,
            source: 'file',
        });
    }
    return out;
}
/**
 * A grant lasting longer than guardrails `grants.max-days` (calendar days in `dates.time-zone`) from when it was
 * first recorded, or ending before it starts: a problem naming `field`.
 */
function durationProblem(grant, guardrails, field) {
    const max = guardrails.grants?.maxDays ?? 0;
    const from = Date.parse(grant.from);
    const until = Date.parse(grant.until);
    if (until <= from)
        return { field, rule: 'must be later than the grant starts' };
    if (until > shiftDays(from, max, guardrails.dates.timeZone))
        return { field, rule: `more than grants.max-days (${max}) after the grant starts` };
    return undefined;
}
/** Every grant that has not ended ended at `now`, for `why` (an offboarding ends them all). */
function endGrants(grants, now, why) {
    return (grants ?? []).map((g) => (g.ended ? g : { ...g, ended: { at: grants_iso(now), why } }));
}
/**
 * One task per system of the grant at its end (the step that grants there), and notify's, which announces it:
 * the scheduled run revokes and announces at `until`. Grants ended otherwise (withdrawn, offboarded) have none
 * left to do.
 */
function grantExpiryTasks(grants) {
    const tasks = [];
    for (const g of grants ?? []) {
        if (g.ended && g.ended.why !== 'expired')
            continue;
        const steps = new Set();
        for (const s of types_SYSTEMS)
            if (g.items[s]?.length)
                steps.add(granted_GRANTING_STEP[s]);
        steps.add('notify');
        for (const step of steps)
            tasks.push({ step, why: 'grant-expiry', due: g.until, grant_id: g.id });
    }
    return tasks.sort((a, b) => a.due.localeCompare(b.due) || a.step.localeCompare(b.step));
}
/**
 * Grants past their end whose revocation every access step has done (its grant-expiry task stamped done: the
 * step ran for real after the end, read back, and did not fail): the ones that may now be marked ended and
 * announced. Notify's own task is the announcement, so it is not waited for.
 */
function revokedGrants(grants, schedule, now) {
    return (grants ?? []).filter((g) => {
        if (g.ended || Date.parse(g.until) > now)
            return false;
        const steps = SYSTEMS.filter((s) => g.items[s]?.length && GRANTING_STEP[s] !== 'notify').map((s) => GRANTING_STEP[s]);
        return steps.every((step) => (schedule ?? []).some((t) => t.grant_id === g.id && t.why === 'grant-expiry' && t.step === step && t.done_at !== undefined));
    });
}
/** `grant <id> for <employee id> ended: team:sre, channel:#incidents`: the announcement, ids only. */
function grantEndedLine(employeeId, grant) {
    const items = SYSTEMS.flatMap((s) => grant.items[s] ?? []);
    return `grant ${grant.id} for ${employeeId} ended: ${items.join(', ')}`;
}
const SINGULAR = {
    'identity-group': 'identity-groups',
    'github-team': 'github-teams',
    'aws-policy': 'aws-policies',
    'aws-group': 'aws-groups',
    'slack-channel': 'slack-channels',
};
/**
 * grant.yml's `items` input: `<kind>:<name>` entries (kinds singular: identity-group, github-team, aws-policy,
 * aws-group, slack-channel), separated by commas or new lines. An ARN keeps its own colons.
 */
function parseGrantItemsInput(text, field = 'inputs.items') {
    const kinds = {};
    const problems = [];
    const entries = text
        .split(/[\n,]+/)
        .map((s) => s.trim())
        .filter(Boolean);
    entries.forEach((entry, i) => {
        const at = entry.indexOf(':');
        const kind = SINGULAR[entry.slice(0, at).trim()];
        const name = entry.slice(at + 1).trim();
        if (at < 0 || !kind || !name) {
            problems.push({
                field: `${field}[${i}]`,
                rule: 'must be <kind>:<name>, kind one of identity-group, github-team, aws-policy, aws-group, slack-channel',
            });
            return;
        }
        const list = kinds[kind] ?? [];
        if (!list.includes(name))
            list.push(name);
        kinds[kind] = list;
    });
    if (!entries.length)
        problems.push({ field, rule: 'names no item' });
    return { kinds, problems };
}

;// CONCATENATED MODULE: ../../packages/core/src/access-plan.ts
// The access plan across people: what a change of the role map (base → head) does to every person the ledger
// holds, per system, and whether the mass-change guard lets it run. Pure: the caller reads the map files and
// the ledger. To add = desired − granted; to remove = granted − desired, where desired is what the head map
// gives the person's recorded role and granted is what onramp recorded granting (or, for a record from before
// that existed, what the base map gives the role). Desired includes the person's time-bound grants active at
// `now` (the ledger's, with the head's grants.yaml brought in); the plan lists active, new and withdrawn grants.



const minus = (a, b) => {
    const drop = new Set(b);
    return a.filter((x) => !drop.has(x));
};
function planAccess(input) {
    const { base, head } = input;
    const roles = roleDiff(base, head);
    const protectedLogins = new Set((head.guardrails.github?.protectedLogins ?? []).map((l) => l.toLowerCase()));
    const active = input.records.filter((r) => r.status === 'active');
    const now = input.now ?? Date.now();
    const grants = grantsAt(input, now);
    const people = [];
    for (const record of [...active].sort((a, b) => compare(a.employee_id, b.employee_id))) {
        const role = roleItems(roleOf(head.roles, record.role));
        const extra = activeGrantItems(grants.byPerson.get(record.employee_id), now);
        const desired = Object.fromEntries(types_SYSTEMS.map((s) => [s, [...new Set([...role[s], ...extra[s]])].sort()]));
        // A record without `granted` reads as what the map in force (the base) gives its role.
        const granted = grantedOrRole(recordGranted(record), base?.roles ?? head.roles, record.role);
        const login = record.ids?.github?.login;
        const systems = {};
        for (const s of types_SYSTEMS) {
            // A protected account (guardrails github.protected-logins) is never touched, on any path.
            if (s === 'github' && login && protectedLogins.has(login.toLowerCase()))
                continue;
            const delta = { add: minus(desired[s], granted[s]), remove: minus(granted[s], desired[s]) };
            if (delta.add.length || delta.remove.length)
                systems[s] = delta;
        }
        if (Object.keys(systems).length)
            people.push({ employee_id: record.employee_id, role: record.role, systems });
    }
    const bySystem = {};
    let add = 0;
    let remove = 0;
    for (const p of people)
        for (const [s, d] of Object.entries(p.systems)) {
            const c = bySystem[s] ?? { add: 0, remove: 0, people: 0 };
            bySystem[s] = c;
            c.add += d.add.length;
            c.remove += d.remove.length;
            c.people += 1;
            add += d.add.length;
            remove += d.remove.length;
        }
    const losing = people.filter((p) => Object.values(p.systems).some((d) => d.remove.length > 0)).length;
    const out = {
        version: 1,
        roles,
        people,
        counts: { managed: active.length, affected: people.length, add, remove, by_system: bySystem },
        guard: guard(remove, losing, active.length, head, input.allowance),
        grants: grants.lines,
    };
    if (input.unreadable?.length)
        out.unreadable = [...input.unreadable];
    return out;
}
/** Each person's grants with the head's grants.yaml brought in, the plan's grant lines, and the file's problems. */
function grantsAt(input, now) {
    const file = input.head.grants ?? [];
    const records = new Map(input.records.map((r) => [r.employee_id, r]));
    const byPerson = new Map();
    const lines = { active: [], new: [], withdrawn: [], problems: [] };
    const line = (employee_id, g) => ({
        id: g.id,
        employee_id,
        items: types_SYSTEMS.flatMap((s) => g.items[s] ?? []),
        until: g.until,
        source: g.source ?? 'workflow',
    });
    const ids = new Set([...records.keys(), ...file.map((f) => f.employeeId)]);
    for (const id of [...ids].sort(compare)) {
        const record = records.get(id);
        const mine = file.filter((f) => f.employeeId === id);
        const rule = !record
            ? 'no ledger record for this employee'
            : record.status === 'offboarded'
                ? 'employee is offboarded'
                : undefined;
        // Without the ledger (a fork's pull request) nobody is known: nothing to say about people.
        if (rule && !input.unreadable?.length)
            for (const f of mine)
                lines.problems.push({ field: `grants[${f.index}].employee_id`, rule });
        if (record?.status !== 'active')
            continue;
        const recorded = record.grants ?? [];
        const merged = mergeFileGrants(recorded, mine, now, '');
        byPerson.set(id, merged);
        for (const g of merged) {
            const before = recorded.find((r) => r.id === g.id);
            if (g.ended?.why === 'withdrawn' && before && !before.ended)
                lines.withdrawn.push(line(id, g));
            else if (!isActive(g, now))
                continue;
            else if (before)
                lines.active.push(line(id, g));
            else
                lines.new.push(line(id, g));
        }
        for (const f of mine) {
            const g = merged.find((x) => x.id === f.id && !x.ended);
            const p = g && durationProblem(g, input.head.guardrails, `grants[${f.index}].until`);
            if (p)
                lines.problems.push(p);
        }
    }
    return { byPerson, lines };
}
function guard(removals, losing, managed, head, allowance) {
    const limits = { removals: head.guardrails.guard.maxRemovals, share: head.guardrails.guard.maxShare };
    const share = managed === 0 ? 0 : losing / managed;
    const within = removals <= limits.removals && share <= limits.share;
    if (within || (allowance !== undefined && removals <= allowance))
        return { ok: true, removals, share, limits };
    const over = [
        removals > limits.removals ? `${removals} removals, more than guard.max-removals (${limits.removals})` : undefined,
        share > limits.share
            ? `${access_plan_percent(share)} of the managed people lose access, more than guard.max-share (${access_plan_percent(limits.share)})`
            : undefined,
    ].filter(Boolean);
    return {
        ok: false,
        removals,
        share,
        limits,
        reason: `${over.join('; ')}: nothing is changed. Raise the limit by a reviewed change to guardrails.yaml, or give a one-off allowance of ${removals} removals through the protected environment.`,
    };
}
function access_plan_percent(share) {
    return `${Math.round(share * 1000) / 10}%`;
}
/** Per role in base or head: what its definition gains and loses, only systems with a change. */
function roleDiff(base, head) {
    const names = new Set([...Object.keys(base?.roles.roles ?? {}), ...Object.keys(head.roles.roles)]);
    const out = {};
    for (const name of [...names].sort(compare)) {
        const before = roleItems(base ? roleOf(base.roles, name) : undefined);
        const after = roleItems(roleOf(head.roles, name));
        const systems = {};
        for (const s of types_SYSTEMS) {
            const delta = { add: minus(after[s], before[s]), remove: minus(before[s], after[s]) };
            if (delta.add.length || delta.remove.length)
                systems[s] = delta;
        }
        out[name] = systems;
    }
    return out;
}
/** Code-unit order, the same on every machine (never locale-dependent). */
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ../../packages/core/src/access-plan-markdown.ts
// An access plan as Markdown for a pull-request review or a terminal: the guard's verdict first, then what each
// role gains and loses, then per system a short table of each item and the people who gain and lose it, with
// the same per person folded below (employee ids only), then the counts. Long lists are cut, saying how many
// were left out (the JSON has all).


const TITLES = {
    identity: 'Identity provider',
    github: 'GitHub',
    aws: 'AWS',
    slack: 'Slack',
};
/** Table cells hold item keys and ids: escape what Markdown would read (pipes, backticks, line breaks). */
function cell(text) {
    return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}
const code = (key) => `\`${key
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')}\``;
const items = (keys) => (keys.length ? keys.map(code).join(', ') : '–');
/** Per item key of `system`, sorted: the employee ids that gain it and that lose it. */
function byItem(plan, system) {
    const out = new Map();
    for (const p of plan.people) {
        const d = p.systems[system];
        if (!d)
            continue;
        for (const side of ['add', 'remove'])
            for (const key of d[side]) {
                const who = out.get(key) ?? { add: [], remove: [] };
                who[side].push(p.employee_id);
                out.set(key, who);
            }
    }
    return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
/** Employee ids, cut after `max` with how many more. */
function people(ids, max) {
    if (!ids.length)
        return '–';
    const shown = ids.slice(0, max).map(cell).join(', ');
    return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}
function renderPlanMarkdown(plan, options = {}) {
    const maxRows = options.maxRows ?? 50;
    const { guard, counts } = plan;
    const out = ['## onramp access plan', ''];
    const verdict = guard.ok ? '✅ **Guard: within limits.**' : '⛔ **Guard: over the limit, nothing would change.**';
    out.push(`${verdict} ${guard.removals} removals (limit ${guard.limits.removals}); ${percent(guard.share)} of managed people lose access (limit ${percent(guard.limits.share)}).`);
    if (!guard.ok && guard.reason)
        out.push('', `> ${cell(guard.reason)}`);
    if (plan.unreadable?.length)
        out.push('', `⚠️ Not read, so people and counts are partial: ${plan.unreadable.map(cell).join('; ')}.`);
    out.push('', `${counts.affected} of ${counts.managed} managed people change: ${counts.add} items added, ${counts.remove} removed.`);
    const changedRoles = Object.entries(plan.roles).filter(([, systems]) => Object.keys(systems).length > 0);
    out.push('', '### Roles', '');
    if (!changedRoles.length)
        out.push('No role changes.');
    else {
        out.push('| Role | System | Gains | Loses |', '| --- | --- | --- | --- |');
        for (const [role, systems] of changedRoles)
            for (const s of SYSTEMS) {
                const d = systems[s];
                if (d)
                    out.push(`| ${cell(role)} | ${TITLES[s]} | ${items(d.add)} | ${items(d.remove)} |`);
            }
    }
    for (const s of SYSTEMS) {
        const rows = plan.people.flatMap((p) => {
            const d = p.systems[s];
            return d ? [`| ${cell(p.employee_id)} | ${cell(p.role ?? '–')} | ${items(d.add)} | ${items(d.remove)} |`] : [];
        });
        if (!rows.length)
            continue;
        const c = counts.by_system[s];
        out.push('', `### ${TITLES[s]}`, '');
        if (c)
            out.push(`${c.people} ${c.people === 1 ? 'person' : 'people'}: ${c.add} added, ${c.remove} removed.`, '');
        // Per item, who gains and who loses it: as many rows as items, however many people.
        out.push('| Item | Gained by | Lost by |', '| --- | --- | --- |');
        for (const [key, who] of byItem(plan, s))
            out.push(`| ${code(key)} | ${people(who.add, maxRows)} | ${people(who.remove, maxRows)} |`);
        out.push('', '<details><summary>Per person</summary>', '');
        out.push('| Employee | Role | Gains | Loses |', '| --- | --- | --- | --- |', ...rows.slice(0, maxRows));
        if (rows.length > maxRows)
            out.push('', `…and ${rows.length - maxRows} more people (see the plan JSON).`);
        out.push('', '</details>');
    }
    const g = plan.grants;
    if (g && (g.active.length || g.new.length || g.withdrawn.length || g.problems.length)) {
        // By employee id only; the reason stays in grants.yaml and the ledger.
        out.push('', '### Time-bound grants', '');
        for (const p of g.problems)
            out.push(`- ⛔ ${cell(`${p.field ?? ''}: ${p.rule}`)}`);
        if (g.problems.length)
            out.push('');
        const rows = (status, list) => list.map((l) => `| ${status} | ${code(l.id)} | ${cell(l.employee_id)} | ${items(l.items)} | ${cell(l.until)} | ${l.source === 'file' ? 'grants.yaml' : 'grant.yml'} |`);
        const all = [...rows('new', g.new), ...rows('active', g.active), ...rows('withdrawn', g.withdrawn)];
        if (all.length)
            out.push('| Status | Grant | Employee | Items | Until (UTC) | From |', '| --- | --- | --- | --- | --- | --- |', ...all);
    }
    const systems = SYSTEMS.filter((s) => counts.by_system[s]);
    if (systems.length) {
        out.push('', '### Counts', '', '| System | People | Added | Removed |', '| --- | --- | --- | --- |');
        for (const s of systems) {
            const c = counts.by_system[s];
            out.push(`| ${TITLES[s]} | ${c.people} | ${c.add} | ${c.remove} |`);
        }
    }
    return `${out.join('\n')}\n`;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1_patch_hash=efde6c4636b20594e925d0e030e852b40bf8afbc0e65fa94474df689008d3f04/node_modules/@actions/core/lib/core.js + 9 modules
var core = __nccwpck_require__(222);
;// CONCATENATED MODULE: ../../packages/core/src/errors.ts
// A user error is bad input (a payload, a YAML file, an input): the message names the place and the rule
// and never the value. Anything else is a bug or an outage and is reported as such.
class errors_UserError extends Error {
    problems;
    constructor(problems) {
        const list = Array.isArray(problems) ? problems : [problems];
        super(list.map(formatProblem).join('\n'));
        this.name = 'UserError';
        this.problems = list;
    }
}
function formatProblem(p) {
    const where = [p.file && `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`, p.field]
        .filter(Boolean)
        .join(' ');
    return where ? `${where}: ${p.rule}` : p.rule;
}

;// CONCATENATED MODULE: ../../packages/core/src/summary.ts
// The job summary as a person reads it: per item `before → after` and its result, unchanged items folded, the
// plan in words, and what to do when something failed. Pure rendering to GitHub-flavoured Markdown; io.ts
// writes it (after the personal-data guard).
/** Free text: no raw HTML, no table breaks. */
const mdText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cellText = (s) => mdText(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
/** A value in a code span (the delimiter grows when the value holds a backtick). */
function summary_code(s) {
    const fence = s.includes('`') ? '``' : '`';
    const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${s}${pad}${fence}`;
}
/** A state in words: absent, a scalar, a list, or `key value` pairs (ids and states only, never personal data). */
function showValue(v) {
    if (v === undefined || v === null)
        return 'absent';
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' || typeof v === 'boolean')
        return String(v);
    if (Array.isArray(v))
        return v.length ? v.map(showValue).join(', ') : 'none';
    if (typeof v === 'object') {
        const pairs = Object.entries(v).filter(([, x]) => x !== undefined && x !== null && !(Array.isArray(x) && x.length === 0));
        if (!pairs.length)
            return '{}';
        return pairs
            .map(([k, x]) => `${k} ${typeof x === 'object' && !Array.isArray(x) ? `{${showValue(x)}}` : showValue(x)}`)
            .join(', ');
    }
    return String(v);
}
const cellValue = (v) => summary_code(showValue(v)).replace(/\|/g, '\\|');
const ICON = {
    changed: '✅',
    unchanged: '',
    scheduled: '🗓️',
    pending: '⏳',
    deferred: '⏸️',
    failed: '❌',
};
/** A dry run reports what it would do with result `unchanged` and a reason `dry run: would …`. */
const isDryRunWould = (r) => r.result === 'unchanged' && r.action !== 'none';
/** Folded: nothing to see (found as wanted, or a report with nothing done). */
const isQuiet = (r) => r.result === 'unchanged' && r.action === 'none';
function resultCell(r) {
    if (isDryRunWould(r))
        return cellText(r.reason ?? `dry run: would ${r.action}`);
    const verb = r.action !== 'none' ? ` (${r.action})` : '';
    const unverified = r.result === 'changed' && !r.verified ? ', not read back' : '';
    const why = r.reason && r.result !== 'changed' ? `: ${r.reason}` : r.reason ? ` — ${r.reason}` : '';
    return cellText(`${ICON[r.result]} ${r.result}${verb}${unverified}${why}`.trim());
}
function changeCell(r) {
    const before = showValue(r.before);
    const after = showValue(r.after);
    let text = before === after ? cellValue(r.after) : `${cellValue(r.before)} → ${cellValue(r.after)}`;
    // A failed item: say what was wanted when the read-back does not show it.
    if (r.result === 'failed' && r.desired !== undefined && showValue(r.desired) !== after)
        text += ` (wanted ${cellValue(r.desired)})`;
    return text;
}
function counts(receipts) {
    const order = ['failed', 'deferred', 'pending', 'scheduled', 'changed', 'unchanged'];
    const would = receipts.filter(isDryRunWould).length;
    const parts = order
        .map((res) => [res, receipts.filter((r) => r.result === res && !isDryRunWould(r)).length])
        .filter(([, n]) => n > 0)
        .map(([res, n]) => `${n} ${res}`);
    if (would)
        parts.unshift(`${would} would change`);
    return parts.join(' · ');
}
function nextSteps(receipts, rerun) {
    const lines = [];
    const failed = receipts.filter((r) => r.result === 'failed');
    const root = failed.filter((r) => !r.reason?.startsWith('not attempted:'));
    if (failed.length) {
        lines.push('### What to do', '');
        for (const r of root.length ? root : failed)
            lines.push(`- ${summary_code(r.item)}: ${mdText(r.reason ?? 'failed')}`);
        const skipped = failed.length - root.length;
        if (root.length && skipped)
            lines.push(`- ${skipped} item(s) waiting on those were not attempted.`);
        lines.push('', 'Fix the cause named above (a credential, a permission, the access files or the account itself), then rerun: ' +
            `Actions → lifecycle → Run workflow${rerun ? ` with employee id ${summary_code(rerun.employeeId)} and event type ${summary_code(rerun.eventType)}` : ''}. ` +
            'A rerun is a dry run by default and shows what it would change; untick dry run to apply. ' +
            'What is already done is not repeated.', '');
    }
    const pending = receipts.filter((r) => r.result === 'pending').length;
    const deferred = receipts.filter((r) => r.result === 'deferred').length;
    if (pending || deferred) {
        lines.push('### What happens next', '');
        if (pending)
            lines.push(`- ${pending} pending: waiting on the person or the service, as the table says. Not a failure; the next run for this person confirms it.`);
        if (deferred)
            lines.push(`- ${deferred} deferred: not attempted yet, for the reason in the table; rerun later.`);
        lines.push('');
    }
    return lines;
}
/** The job summary in Markdown. */
function renderSummary({ title, plan, receipts, note, rerun }) {
    const out = [`## ${mdText(title)}`, ''];
    if (note)
        out.push(mdText(note), '');
    const shown = receipts.filter((r) => !isQuiet(r));
    const quiet = receipts.filter(isQuiet);
    if (receipts.length) {
        out.push(`**${counts(receipts)}**`, '');
        if (shown.length) {
            out.push('| Item | Before → after | Result |', '| --- | --- | --- |');
            for (const r of shown)
                out.push(`| ${summary_code(r.item).replace(/\|/g, '\\|')} | ${changeCell(r)} | ${resultCell(r)} |`);
            out.push('');
        }
        if (quiet.length) {
            out.push(`<details><summary>${quiet.length} unchanged</summary>`, '');
            for (const r of quiet)
                out.push(`- ${summary_code(r.item)}: ${summary_code(showValue(r.after))}${r.reason ? ` — ${mdText(r.reason)}` : ''}`);
            out.push('', '</details>', '');
        }
    }
    else if (!plan)
        out.push('No items.', '');
    out.push(...nextSteps(receipts, rerun));
    if (plan)
        out.push(...renderPlan(plan));
    return `${out
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trimEnd()}\n`;
}
const list = (xs) => (xs.length ? xs.map(summary_code).join(', ') : 'none');
/** The plan in words, one bullet per system, then the plan itself folded as JSON. */
function renderPlan(plan) {
    const out = ['### Plan', ''];
    const role = plan.role ? ` as ${summary_code(plan.role)}` : '';
    out.push(`${mdText(plan.eventType)} of ${summary_code(plan.employeeId)}${role} (event ${summary_code(plan.eventId)}):`, '');
    const { identity, github, aws, identityCenter: ic, slack, setup } = plan;
    if (identity) {
        if (identity.presence === 'revoked')
            out.push('- **Identity provider**: suspend (or deactivate) the account, then end its sessions.');
        else if (identity.account === 'keep')
            out.push(`- **Identity provider**: the account is left as it is; the groups onramp granted are removed.`);
        else
            out.push(`- **Identity provider**: an active account in groups ${list(identity.groups)}; other groups onramp granted removed.`);
    }
    if (github) {
        const teams = github.teams.map((t) => `${summary_code(t.slug)} (${t.role})`).join(', ') || 'none';
        if (github.presence === 'revoked')
            out.push(`- **GitHub** ${summary_code(github.org)}: remove from the organization and its managed teams.`);
        else if (github.account === 'keep')
            out.push(`- **GitHub** ${summary_code(github.org)}: membership left as it is; teams ${teams}; other teams onramp granted removed.`);
        else
            out.push(`- **GitHub** ${summary_code(github.org)}: member (or invited), teams ${teams}.`);
    }
    if (aws) {
        if (aws.presence === 'revoked')
            out.push('- **AWS IAM**: access keys and the console password deleted, managed policies and groups removed; the user is kept, disabled.');
        else if (aws.account === 'keep')
            out.push(`- **AWS IAM**: the user is left as it is; groups ${list(aws.groups)}, policies ${list(aws.policies)}; others onramp granted removed.`);
        else
            out.push(`- **AWS IAM**: a user under ${summary_code(aws.userPath)} with boundary ${summary_code(aws.permissionsBoundary)}; ` +
                `groups ${list(aws.groups)}; policies ${list(aws.policies)}; console ${aws.console ? 'through the identity provider' : 'no'}.`);
    }
    if (ic) {
        const assignments = list(ic.assignments.map((a) => `${a.account}/${a.permissionSet}`));
        if (ic.presence === 'revoked')
            out.push(`- **AWS IAM Identity Center**: managed assignments and groups removed, read back; the Identity Store user is ${ic.onOffboard === 'delete' ? 'then deleted if onramp created it' : 'kept'}.`);
        else if (ic.account === 'keep')
            out.push('- **AWS IAM Identity Center**: the user is left as it is; managed assignments and groups removed.');
        else
            out.push(`- **AWS IAM Identity Center**: the Identity Store user (${ic.users === 'onramp' ? 'created by onramp' : 'provisioned by the identity provider'}); ` +
                `assignments ${assignments}; groups ${list(ic.groups)}; sign-in at the AWS access portal.`);
    }
    if (slack)
        out.push(`- **Slack**: channels ${list(slack.channels)}; announce in ${summary_code(slack.announceChannel)}, alerts in ${summary_code(slack.alertsChannel)}.`);
    if (setup?.repos.length)
        out.push(`- **Setup**: the welcome email lists ${list(setup.repos)}.`);
    out.push('', '<details><summary>Plan as JSON</summary>', '', '```json', JSON.stringify(plan), '```', '', '</details>', '');
    return out;
}

;// CONCATENATED MODULE: ../../packages/core/src/io.ts
// Action I/O: inputs parsed once into a typed object, personal data masked before any log line, outputs
// that can never carry personal data, the job summary, and the one entry wrapper every action uses.




/** Builders for input specs: `input.boolean(false)`, `input.enum(['okta', 'scim'] as const)`, … */
const input = {
    /** Required unless a default is given (action.yml defaults arrive as env, so the default here is a fallback). */
    string: (opts = {}) => ({ kind: 'string', ...opts }),
    optional: (opts = {}) => ({ kind: 'optional', ...opts }),
    boolean: (defaultValue) => ({ kind: 'boolean', default: defaultValue }),
    enum: (values, opts = {}) => ({ kind: 'enum', values, ...opts }),
    /** Masked the moment it is read. */
    secret: (opts = {}) => ({ kind: 'secret', ...opts }),
    /** Optional; masked and registered as personal data the moment it is read. */
    personal: (opts = {}) => ({ kind: 'personal', ...opts }),
    integer: (opts = {}) => ({ kind: 'integer', ...opts }),
};
const camel = (s) => s.replace(/-([a-z0-9])/g, (_m, c) => c.toUpperCase());
/**
 * Read every input of `spec` once. All problems are collected and thrown together as one UserError whose
 * fields are `with.<input>`; values are never echoed. Secrets and personal values are masked immediately.
 */
function getInputs(spec) {
    const out = {};
    const problems = [];
    const fail = (name, rule) => problems.push({ field: `with.${name}`, rule });
    for (const [name, s] of Object.entries(spec)) {
        const raw = core/* getInput */.V4(name);
        if (s.kind === 'secret' && raw) {
            core/* setSecret */.Pq(raw);
            // A list of keys (one per line or comma-separated, for rotation): each one masked on its own too.
            const parts = raw.split(/[\n,]/).map((part) => part.trim());
            if (parts.length > 1)
                for (const part of parts)
                    if (part.length >= 8)
                        core/* setSecret */.Pq(part);
        }
        if (s.kind === 'personal' && raw)
            maskPersonalData([raw]);
        const checkPattern = (v) => {
            if ('pattern' in s && s.pattern && !s.pattern.test(v)) {
                fail(name, s.rule ?? `must match ${s.pattern}`);
                return false;
            }
            return true;
        };
        switch (s.kind) {
            case 'string': {
                const v = raw || s.default;
                if (v === undefined || v === '')
                    fail(name, 'required');
                else if (checkPattern(v))
                    out[camel(name)] = v;
                break;
            }
            case 'optional':
            case 'personal':
                if (raw === '' || checkPattern(raw))
                    out[camel(name)] = raw || undefined;
                break;
            case 'secret':
                if (!raw && s.required !== false)
                    fail(name, 'required');
                else if (raw === '' || checkPattern(raw))
                    out[camel(name)] = raw || undefined;
                break;
            case 'boolean':
                // core.getBooleanInput throws on '' (an unset input), so an empty value takes the default.
                if (raw === '')
                    out[camel(name)] = s.default;
                else {
                    try {
                        out[camel(name)] = core/* getBooleanInput */.Vt(name);
                    }
                    catch {
                        fail(name, 'must be true or false');
                    }
                }
                break;
            case 'enum': {
                const v = raw || s.default;
                if (v === undefined || v === '') {
                    if (s.optional)
                        out[camel(name)] = undefined;
                    else
                        fail(name, `required; one of ${s.values.join(', ')}`);
                }
                else if (!s.values.includes(v))
                    fail(name, `must be one of ${s.values.join(', ')}`);
                else
                    out[camel(name)] = v;
                break;
            }
            case 'integer': {
                if (raw === '') {
                    if (s.default === undefined)
                        fail(name, 'required');
                    else
                        out[camel(name)] = s.default;
                    break;
                }
                const n = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
                if (!Number.isSafeInteger(n))
                    fail(name, 'must be an integer');
                else if (s.min !== undefined && n < s.min)
                    fail(name, `must be at least ${s.min}`);
                else if (s.max !== undefined && n > s.max)
                    fail(name, `must be at most ${s.max}`);
                else
                    out[camel(name)] = n;
                break;
            }
        }
    }
    if (problems.length)
        throw new errors_UserError(problems);
    return out;
}
const STATE_PATTERN = /^(none|github(:[A-Za-z0-9._/-]+)?|file:.+)$/;
/** The repository holding the `github` ledger (default: the workflow's own, GITHUB_REPOSITORY). */
const STATE_REPOSITORY = {
    pattern: /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/,
    rule: 'must be owner/name',
};
/** An endpoint input (a service's API URL): the pattern and the rule its error names. */
const HTTP_URL = { pattern: /^https?:\/\/[^\s]+$/, rule: 'must be an http(s) URL' };
/** The inputs every action takes (design.md "Action inputs and outputs"). Spread into an action's own spec. */
const COMMON_INPUTS = {
    'roles-file': input.string({ default: '.github/access/roles.yaml' }),
    'guardrails-file': input.string({ default: '.github/access/guardrails.yaml' }),
    'dry-run': input.boolean(false),
    state: input.string({
        default: 'github',
        pattern: STATE_PATTERN,
        rule: 'must be github, github:<branch>, file:<dir> or none',
    }),
    'state-token': input.secret({ required: false }),
    'state-repository': input.optional(STATE_REPOSITORY),
    'employee-id': input.optional({ pattern: EMPLOYEE_ID_PATTERN, rule: EMPLOYEE_ID_RULE }),
    'event-type': input.enum(RERUN_TYPES, { optional: true }),
    email: input.personal(),
    name: input.personal(),
    role: input.optional(),
    /** Keys that sign HR events (the ONRAMP_EVENT_KEY secret); several, one per line or comma-separated, while rotating. */
    'event-key': input.secret({ required: false }),
};
function getCommonInputs() {
    return getInputs(COMMON_INPUTS);
}
// -------------------------------------------------------------------------------------- personal data
// Personal values registered in this process, as case-insensitive whole-token patterns: outputs and summaries
// refuse anything containing one. A whole value is a token between anything but letters and digits, so "Li"
// does not match inside "lifecycle" and a one-word name "Sam" does match in the user name "sam+e1042". A name
// part is stricter: `-._+@` between two letters or digits joins a token, so "Jamie" matches in "Jamie." and
// "Jamie," but not inside a login or user name built from the name (jamie-doe-dev, jamie.doe+e1042).
const personal = new Map();
/**
 * The patterns by key, the longest run of ASCII letters and digits in the value, lower-cased; under '' those with
 * none (or a K, ſ). A run that masks a thousand people holds tens of thousands of patterns; a line is tested only
 * against those whose key is one of its own runs (see candidates).
 */
const byKey = new Map();
/** Every pattern longest first (a whole name before its parts), sorted on first use after a registration. */
let longestFirst;
const ASCII_RUN = /[A-Za-z0-9]+/g;
// The two characters outside ASCII that case-insensitive matching equates with ASCII letters (K, s).
const FOLDS_TO_ASCII = /[\u212a\u017f]/;
// Words of the access files' identifiers and the event's ids, lower-cased: never personal (see declarePublicData).
const publicWords = new Set();
// Values that travel between jobs as outputs (employee id, event type, role): a mask inside one would make the
// runner drop the output.
const publicIds = [];
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_SPLIT = /[^\p{L}\p{N}\p{M}]+/u;
// What may not touch a match, before and after it. Checked on the few characters around a match of the value
// alone: a lookbehind of Unicode classes in every value's own expression cost 0.4 ms to compile, per value.
const BOUNDS = {
    value: { before: /[\p{L}\p{N}]$/u, after: /^[\p{L}\p{N}]/u },
    part: { before: /[\p{L}\p{N}\p{M}][-._+@]?$/u, after: /^[-._+@]?[\p{L}\p{N}\p{M}]/u },
};
/** Name parts of at least this many letters are personal on their own ("Jamie", "Doe"; not "Li", "O"). */
const MIN_NAME_PART = 3;
/**
 * Declares what is known not to be personal: `text` (accessIdentifiers: the access files less their descriptions)
 * contributes its words; `ids` (employee id, event id and type, role, GitHub login) are words and values that
 * travel as outputs. A personal value or name part equal to one of these words is neither masked nor guarded: a
 * person named "Dev", "Acme" or "E1042" would otherwise hide the plan, or make the runner drop an output.
 */
function declarePublicData(p) {
    for (const t of p.text ?? [])
        if (t)
            for (const w of t.toLowerCase().split(WORD_SPLIT))
                if (w)
                    publicWords.add(w);
    for (const id of p.ids ?? []) {
        if (!id)
            continue;
        publicIds.push(id.toLowerCase());
        publicWords.add(id.toLowerCase());
        for (const w of id.toLowerCase().split(WORD_SPLIT))
            if (w)
                publicWords.add(w);
    }
}
/** The forms a value may take in a log, a URL or a JSON body: NFC, NFD, URL-encoded (%20 and +), JSON-escaped. */
function encodedForms(v) {
    const forms = new Set();
    for (const n of [v, v.normalize('NFC'), v.normalize('NFD')]) {
        forms.add(n);
        const url = encodeURIComponent(n);
        forms.add(url);
        forms.add(url.replace(/%20/g, '+'));
        forms.add(JSON.stringify(n).slice(1, -1));
        const ascii = n.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
        forms.add(ascii);
        forms.add(ascii.replace(/\\u([0-9a-f]{4})/g, (_m, h) => `\\u${h.toUpperCase()}`));
    }
    return [...forms];
}
/** Each word of a name with at least MIN_NAME_PART letters; emails are not split. */
function nameParts(v) {
    if (v.includes('@'))
        return [];
    return v.split(/[^\p{L}\p{M}]+/u).filter((w) => w !== v && (w.match(/\p{L}/gu)?.length ?? 0) >= MIN_NAME_PART);
}
function isPublic(v) {
    return publicWords.has(v.toLowerCase().normalize('NFC'));
}
/**
 * Mask each non-empty value and each name part of three or more letters, in every encoded form (and, for whole
 * values, the lower- and upper-cased variants a service may echo back), and register them as personal data.
 * Call before the first log line that could contain them. Anything declared public is left alone.
 */
function maskPersonalData(values) {
    const list = Symbol.iterator in values ? [...values] : Object.values(values);
    for (const v of list) {
        if (typeof v !== 'string')
            continue;
        const t = v.trim();
        if (!t || isPublic(t))
            continue;
        if (v !== t)
            core/* setSecret */.Pq(v);
        register(t, [t, t.toLowerCase(), t.toUpperCase()], 'value');
        for (const part of nameParts(t))
            if (!isPublic(part))
                register(part, [part], 'part');
    }
}
function register(value, cased, kind) {
    const forms = new Set(cased.flatMap(encodedForms));
    for (const form of forms) {
        const lower = form.toLowerCase();
        // A mask inside an output value makes the runner drop that output.
        if (!publicIds.some((id) => id.includes(lower)))
            core/* setSecret */.Pq(form);
    }
    for (const form of encodedForms(value)) {
        const key = `${kind}:${form.toLowerCase()}`;
        if (!form || personal.has(key))
            continue;
        const pattern = { re: new RegExp(escapeRegExp(form), 'giu'), length: form.length, kind };
        personal.set(key, pattern);
        const runs = FOLDS_TO_ASCII.test(form) ? [] : (form.match(ASCII_RUN) ?? []);
        const run = runs.reduce((a, b) => (b.length > a.length ? b : a), '').toLowerCase();
        const list = byKey.get(run);
        if (list)
            list.push(pattern);
        else
            byKey.set(run, [pattern]);
        longestFirst = undefined;
    }
}
/**
 * The patterns that can match `text`, longest first. A match covers the value's every ASCII run, whole (the value's
 * bounds forbid a letter or digit on either side, and matching ignores case only, which maps ASCII to ASCII but
 * for the Kelvin sign and the long s): so a pattern whose key is none of the text's runs cannot match it.
 */
function candidates(text) {
    if (FOLDS_TO_ASCII.test(text)) {
        longestFirst ??= [...personal.values()].sort((a, b) => b.length - a.length);
        return longestFirst;
    }
    const runs = new Set(['', ...(text.match(ASCII_RUN) ?? []).map((r) => r.toLowerCase())]);
    return [...runs].flatMap((run) => byKey.get(run) ?? []).sort((a, b) => b.length - a.length);
}
/** Where `p` matches `text` as a whole token: [start, end) of each match, left to right, not overlapping. */
function* matches(p, text) {
    const { before, after } = BOUNDS[p.kind];
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
        const end = m.index + m[0].length;
        // Three code units: a letter outside the BMP and a joining character.
        if (before.test(text.slice(Math.max(0, m.index - 3), m.index)) || after.test(text.slice(end, end + 3))) {
            p.re.lastIndex = m.index + 1;
            continue;
        }
        yield [m.index, end];
    }
}
/** Whether `text` contains, as a whole token, any value registered with maskPersonalData. */
function containsPersonalData(text) {
    return candidates(text).some((p) => !matches(p, text).next().done);
}
/** Replace every registered personal value in `text` (case-insensitively) with `replacement`. */
function redactPersonalData(text, replacement = '[personal]') {
    let out = text;
    // Longest first, so a whole name goes before its parts.
    for (const p of candidates(text)) {
        let kept = '';
        let from = 0;
        for (const [start, end] of matches(p, out)) {
            kept += out.slice(from, start) + replacement;
            from = end;
        }
        out = kept + out.slice(from);
    }
    return out;
}
/** For tests: forget registered personal values and public words. */
function resetPersonalData() {
    personal.clear();
    byKey.clear();
    longestFirst = undefined;
    publicWords.clear();
    publicIds.length = 0;
}
/**
 * Set outputs; non-strings become JSON. Refuses (a bug, not a user error) if any value contains registered
 * personal data: the runner drops masked values from job outputs anyway, and they must not travel between jobs.
 */
function setOutputs(outputs) {
    const rendered = Object.entries(outputs)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
    const leaking = rendered.filter(([, v]) => containsPersonalData(v)).map(([k]) => k);
    if (leaking.length)
        throw new Error(`refusing to output personal data in: ${leaking.join(', ')}`);
    for (const [k, v] of rendered)
        core/* setOutput */.uH(k, v);
}
// ------------------------------------------------------------------------------------------- summary
/**
 * Write the job summary (Markdown, see summary.ts), with any registered personal data replaced by `[personal]`
 * and a warning saying so. Redacted rather than refused: a name part that is also a word of onramp's own prose
 * ("Will", "Grant", "Person") must not fail the step for that person on every run.
 */
async function writeSummary(input) {
    await writeSummaryMarkdown(renderSummary(input));
}
/** Writes Markdown made elsewhere (a plan across people) to the job summary, withholding personal data alike. */
async function writeSummaryMarkdown(markdown) {
    await core/* summary */.z.addRaw(withholdPersonalData(markdown, 'the job summary')).write();
}
/**
 * Text for a place people read (the job summary, a pull request comment) with every registered personal value
 * replaced by `[personal]`, and a warning naming `where` when anything was.
 */
function withholdPersonalData(text, where) {
    if (!containsPersonalData(text))
        return text;
    core/* warning */.$e(`onramp: personal data was withheld from ${where} ([personal])`);
    return redactPersonalData(text);
}
/**
 * Masks the personal data of ledger records read in bulk (a plan across people) before any log line: each
 * record's name, email and manager email. The employee ids are declared public first: they are what the plan
 * names people by, so a person whose name equals an id (or a word of one) never hides the plan.
 */
function maskRecordsPersonalData(records) {
    const list = [...records];
    declarePublicData({ ids: list.map((r) => r.employee_id) });
    maskPersonalData(list.flatMap((r) => [r.person?.name, r.person?.email, r.person?.manager_email]));
}
/**
 * Every action's index.ts: `await runAction(main)`. A UserError becomes one annotation per problem and a
 * failed step; anything else is a bug or an outage. Then exit explicitly: a pending retry timer or keep-alive
 * socket must not keep the step running after its work is done.
 */
async function runAction(main, options = {}) {
    try {
        await main();
    }
    catch (error) {
        reportError(error);
    }
    const exit = options.exit ?? ((code) => process.exit(code));
    exit(typeof process.exitCode === 'number' ? process.exitCode : Number(process.exitCode ?? 0) || 0);
}
function reportError(error) {
    if (error instanceof errors_UserError) {
        for (const p of error.problems) {
            core/* error */.z3(formatProblem(p), {
                title: 'onramp: invalid input',
                file: p.file,
                startLine: p.line,
                startColumn: p.line ? p.column : undefined,
            });
        }
        core/* setFailed */.C1(`onramp: ${error.problems.length} problem(s) in the input; see the annotations`);
        return;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof Error && error.stack)
        core/* debug */.Yz(redactPersonalData(error.stack));
    core/* setFailed */.C1(`onramp: unexpected failure (a bug or an outage): ${redactPersonalData(message)}`);
}

;// CONCATENATED MODULE: ../../packages/core/src/audit.ts
// The structured audit log: one JSON object per line on stdout, so a log search can rebuild what each run did
// to each person. Only the employee_id and identifiers appear; personal data is redacted, or correlated
// through a keyed hash when a value must be matched across runs without being readable.



function createAuditLog(options = {}) {
    const write = options.write ?? ((line) => core/* info */.pq(line));
    const run_id = options.runId ?? process.env.GITHUB_RUN_ID;
    const run_attempt = options.runAttempt ?? process.env.GITHUB_RUN_ATTEMPT;
    const now = options.now ?? (() => new Date());
    const log = (entry) => {
        const line = JSON.stringify({ audit: 'onramp/1', at: now().toISOString(), run_id, run_attempt, ...entry });
        // Belt and braces: masks only apply in the runner's log; a captured stdout must be clean too.
        write(redactPersonalData(line));
    };
    return {
        log,
        receipts(context, receipts) {
            for (const r of receipts) {
                log({ ...context, item: r.item, action: r.action, result: r.result, verified: r.verified, reason: r.reason });
            }
        },
    };
}
/**
 * A keyed hash (HMAC-SHA-256, hex, first 32 chars) to correlate a personal value across log lines and runs
 * without revealing it. Unkeyed hashes of emails are reversible by guessing, hence the key (a secret input).
 * Emails are compared case-insensitively, so the value is trimmed and lower-cased first.
 */
function keyedHash(value, key) {
    if (!key)
        throw new Error('keyedHash needs a non-empty key');
    return createHmac('sha256', key).update(value.trim().toLowerCase()).digest('hex').slice(0, 32);
}

// EXTERNAL MODULE: ../../packages/core/src/budget.ts
var budget = __nccwpck_require__(8845);
// EXTERNAL MODULE: ../../packages/core/src/retry.ts
var retry = __nccwpck_require__(8868);
;// CONCATENATED MODULE: ../../packages/core/src/clock.ts
// The sandbox's time, reaching an action: the sandbox can run its clocks faster than real time (a minute of rate
// limits in a fraction of a second) and tests move it forward by days (a start date arrives); an action that
// talks only to it shares that time, so a `Retry-After: 60` or a read-back deadline costs what it costs in sandbox
// time, and every decision (is a task due, is a signature too old) is taken at the sandbox's now. Honoured only
// when every endpoint the action talks to is loopback: a real service always gets real time.

/** Set by the sandbox helpers (and `pnpm sandbox`): how many times faster than real time the sandbox runs. */
const SANDBOX_TIME_SCALE_ENV = 'ONRAMP_SANDBOX_TIME_SCALE';
/** Optional, with the scale: the real epoch ms at which sandbox time equalled real time (default: the start). */
const SANDBOX_TIME_ORIGIN_ENV = 'ONRAMP_SANDBOX_TIME_ORIGIN';
/** Optional, with the scale: ms the sandbox's time is ahead of where the scale alone puts it (tests move it). */
const SANDBOX_TIME_OFFSET_ENV = 'ONRAMP_SANDBOX_TIME_OFFSET';
/**
 * A clock running `scale` times faster than real time, equal to it at `origin` (real epoch ms, default now), plus
 * `offset` ms: `sleep(ms)` takes ms/scale real ms, and `now()` is the sandbox's time when origin and offset are
 * the sandbox's. Real time itself (scale 1, no offset) is the system clock.
 */
function scaledClock(scale, origin = Date.now(), offset = 0) {
    if (scale === 1 && offset === 0)
        return retry/* systemClock */.ml;
    return {
        timeScale: scale,
        now: () => origin + (Date.now() - origin) * scale + offset,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / scale)),
        random: () => Math.random(),
    };
}
/**
 * Whether an endpoint is on this machine's loopback interface: a URL or a bare host whose host is `localhost`,
 * in 127.0.0.0/8, or `::1`. Anything else (a name, another address, an empty or unparsable value) is not.
 */
function isLoopback(endpoint) {
    if (!endpoint)
        return false;
    let host;
    try {
        host = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? new URL(endpoint).hostname : new URL(`x://${endpoint}`).hostname;
    }
    catch {
        return false;
    }
    host = host.toLowerCase().replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}
/**
 * The clock an action runs on. `endpoints` are all the services the action will call (API URLs, or a host
 * for SMTP; the real service's URL where no override is set): only when there is at least one and every one
 * is loopback does `ONRAMP_SANDBOX_TIME_SCALE` (with its origin and offset) apply. Otherwise, or when the
 * variable is unset, real time.
 */
function clockFromEnv(env, endpoints) {
    const raw = env[SANDBOX_TIME_SCALE_ENV]?.trim();
    if (!raw || endpoints.length === 0 || !endpoints.every(isLoopback))
        return retry/* systemClock */.ml;
    const scale = Number(raw);
    if (!Number.isFinite(scale) || scale <= 0) {
        throw new Error(`${SANDBOX_TIME_SCALE_ENV} must be a positive number (how many times faster the sandbox runs)`);
    }
    const originRaw = env[SANDBOX_TIME_ORIGIN_ENV]?.trim();
    const origin = originRaw ? Number(originRaw) : Date.now();
    if (!Number.isFinite(origin))
        throw new Error(`${SANDBOX_TIME_ORIGIN_ENV} must be epoch milliseconds`);
    const offsetRaw = env[SANDBOX_TIME_OFFSET_ENV]?.trim();
    const offset = offsetRaw ? Number(offsetRaw) : 0;
    if (!Number.isFinite(offset))
        throw new Error(`${SANDBOX_TIME_OFFSET_ENV} must be milliseconds`);
    return scaledClock(scale, origin, offset);
}
/**
 * A clock faster than real time: the SDK clients, which wait on timers of their own, then scale their waits
 * down too (their `fast` option) and do not space writes in real seconds.
 */
const runsFast = (clock) => (clock.timeScale ?? 1) > 1;

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ../../packages/core/src/generated/validators.js
// Generated by scripts/generate-validators.mjs from packages/core/schema. Do not edit.

const validateRoles = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"onramp role map (.github/access/roles.yaml)","type":"object","additionalProperties":false,"required":["version","roles"],"properties":{"version":{"const":1,"title":"schema version","description":"must be 1"},"roles":{"type":"object","title":"role map","description":"at least one role; keys are lower-case kebab-case role names","minProperties":1,"propertyNames":{"$ref":"#/$defs/roleKey"},"additionalProperties":{"$ref":"#/$defs/role"}}},"$defs":{"roleKey":{"type":"string","title":"role name","description":"lower-case letters and digits in hyphen-separated words, at most 64 characters","maxLength":64,"pattern":"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"},"role":{"type":"object","additionalProperties":false,"required":["description"],"properties":{"description":{"type":"string","title":"description","description":"one line of 1 to 200 characters without control characters","minLength":1,"maxLength":200,"pattern":"^[^\\u0000-\\u001f\\u007f-\\u009f]+$"},"identity":{"type":"object","description":"identity-provider groups the role is a member of","additionalProperties":false,"properties":{"groups":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/idpGroup"}}}},"github":{"type":"object","description":"GitHub organisation teams; membership of the org itself is implied","additionalProperties":false,"properties":{"teams":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/team"}}}},"aws":{"type":"object","description":"AWS access. With guardrails aws.mode identity-center: identity-center only. With IAM users: groups and policies (every policy in guardrails aws.allowed-policies), console","additionalProperties":false,"properties":{"groups":{"type":"array","uniqueItems":true,"maxItems":10,"items":{"$ref":"#/$defs/awsGroup"}},"policies":{"type":"array","uniqueItems":true,"maxItems":20,"items":{"$ref":"#/$defs/policyArn"}},"console":{"type":"boolean","description":"IAM-user mode only: the role's people sign in to the console through the identity provider; onramp never creates an IAM password (default false)"},"identity-center":{"type":"object","additionalProperties":false,"description":"IAM Identity Center access: account and permission set assignments and groups, each in the guardrails' allowlists","properties":{"assignments":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/assignment"}},"groups":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/ssoGroup"}}}}}},"slack":{"type":"object","additionalProperties":false,"properties":{"channels":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/channel"}}}},"setup":{"type":"object","description":"what the new hire's dev-setup script prepares","additionalProperties":false,"properties":{"repos":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/repo"}}}}}},"idpGroup":{"type":"string","title":"identity group name","description":"letters, digits, spaces, '.', '_' or '-', starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._-]*[A-Za-z0-9])?$"},"teamSlug":{"type":"string","title":"GitHub team slug","description":"lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100 characters","maxLength":100,"pattern":"^[a-z0-9][a-z0-9._-]*$"},"team":{"oneOf":[{"$ref":"#/$defs/teamSlug"},{"type":"object","additionalProperties":false,"required":["slug"],"properties":{"slug":{"$ref":"#/$defs/teamSlug"},"role":{"enum":["member","maintainer"],"title":"team role","description":"member or maintainer (default member)"}}}]},"awsGroup":{"type":"string","title":"IAM group name","description":"letters, digits and +=,.@_- only, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9+=,.@_-]+$"},"policyArn":{"type":"string","title":"IAM managed policy ARN","description":"arn:aws:iam::aws:policy/NAME or arn:aws:iam::<12-digit account>:policy/PATH/NAME","maxLength":2048,"pattern":"^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"},"channel":{"type":"string","title":"Slack channel","description":"'#' then lower-case letters, digits, '_' or '-', at most 80 characters after the '#'","maxLength":81,"pattern":"^#[a-z0-9][a-z0-9_-]*$"},"repo":{"type":"string","title":"repository","description":"owner/name: owner of letters, digits and single hyphens (at most 39), name of letters, digits, '.', '_' or '-' (at most 100, not '.' or '..')","maxLength":140,"pattern":"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$"},"assignment":{"type":"object","additionalProperties":false,"required":["account","permission-set"],"properties":{"account":{"type":"string","title":"AWS account id","description":"12 digits","pattern":"^[0-9]{12}$"},"permission-set":{"type":"string","title":"permission set ARN","description":"arn:aws:sso:::permissionSet/ssoins-<16 characters>/ps-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"}}},"ssoGroup":{"type":"string","title":"Identity Center group name","description":"letters, digits, spaces and ._@+-, starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"}}};
const schema32 = {"type":"string","title":"role name","description":"lower-case letters and digits in hyphen-separated words, at most 64 characters","maxLength":64,"pattern":"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"};
const func1 = ((s) => { let n = 0; for (const _ of s) n++; return n });
const pattern4 = new RegExp("^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$", "u");
const schema33 = {"type":"object","additionalProperties":false,"required":["description"],"properties":{"description":{"type":"string","title":"description","description":"one line of 1 to 200 characters without control characters","minLength":1,"maxLength":200,"pattern":"^[^\\u0000-\\u001f\\u007f-\\u009f]+$"},"identity":{"type":"object","description":"identity-provider groups the role is a member of","additionalProperties":false,"properties":{"groups":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/idpGroup"}}}},"github":{"type":"object","description":"GitHub organisation teams; membership of the org itself is implied","additionalProperties":false,"properties":{"teams":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/team"}}}},"aws":{"type":"object","description":"AWS access. With guardrails aws.mode identity-center: identity-center only. With IAM users: groups and policies (every policy in guardrails aws.allowed-policies), console","additionalProperties":false,"properties":{"groups":{"type":"array","uniqueItems":true,"maxItems":10,"items":{"$ref":"#/$defs/awsGroup"}},"policies":{"type":"array","uniqueItems":true,"maxItems":20,"items":{"$ref":"#/$defs/policyArn"}},"console":{"type":"boolean","description":"IAM-user mode only: the role's people sign in to the console through the identity provider; onramp never creates an IAM password (default false)"},"identity-center":{"type":"object","additionalProperties":false,"description":"IAM Identity Center access: account and permission set assignments and groups, each in the guardrails' allowlists","properties":{"assignments":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/assignment"}},"groups":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/ssoGroup"}}}}}},"slack":{"type":"object","additionalProperties":false,"properties":{"channels":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/channel"}}}},"setup":{"type":"object","description":"what the new hire's dev-setup script prepares","additionalProperties":false,"properties":{"repos":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/repo"}}}}}};
const schema34 = {"type":"string","title":"identity group name","description":"letters, digits, spaces, '.', '_' or '-', starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._-]*[A-Za-z0-9])?$"};
const schema38 = {"type":"string","title":"IAM group name","description":"letters, digits and +=,.@_- only, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9+=,.@_-]+$"};
const schema39 = {"type":"string","title":"IAM managed policy ARN","description":"arn:aws:iam::aws:policy/NAME or arn:aws:iam::<12-digit account>:policy/PATH/NAME","maxLength":2048,"pattern":"^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"};
const schema40 = {"type":"object","additionalProperties":false,"required":["account","permission-set"],"properties":{"account":{"type":"string","title":"AWS account id","description":"12 digits","pattern":"^[0-9]{12}$"},"permission-set":{"type":"string","title":"permission set ARN","description":"arn:aws:sso:::permissionSet/ssoins-<16 characters>/ps-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"}}};
const schema41 = {"type":"string","title":"Identity Center group name","description":"letters, digits, spaces and ._@+-, starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"};
const schema42 = {"type":"string","title":"Slack channel","description":"'#' then lower-case letters, digits, '_' or '-', at most 80 characters after the '#'","maxLength":81,"pattern":"^#[a-z0-9][a-z0-9_-]*$"};
const schema43 = {"type":"string","title":"repository","description":"owner/name: owner of letters, digits and single hyphens (at most 39), name of letters, digits, '.', '_' or '-' (at most 100, not '.' or '..')","maxLength":140,"pattern":"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$"};
const func0 = (function equal(a, b) {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !equal(a[k], b[k])) return false;
  return true;
});
const pattern5 = new RegExp("^[^\\u0000-\\u001f\\u007f-\\u009f]+$", "u");
const pattern6 = new RegExp("^[A-Za-z0-9](?:[A-Za-z0-9 ._-]*[A-Za-z0-9])?$", "u");
const pattern9 = new RegExp("^[A-Za-z0-9+=,.@_-]+$", "u");
const pattern10 = new RegExp("^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$", "u");
const pattern11 = new RegExp("^[0-9]{12}$", "u");
const pattern12 = new RegExp("^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$", "u");
const pattern13 = new RegExp("^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$", "u");
const pattern14 = new RegExp("^#[a-z0-9][a-z0-9_-]*$", "u");
const pattern15 = new RegExp("^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$", "u");
const schema35 = {"oneOf":[{"$ref":"#/$defs/teamSlug"},{"type":"object","additionalProperties":false,"required":["slug"],"properties":{"slug":{"$ref":"#/$defs/teamSlug"},"role":{"enum":["member","maintainer"],"title":"team role","description":"member or maintainer (default member)"}}}]};
const schema36 = {"type":"string","title":"GitHub team slug","description":"lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100 characters","maxLength":100,"pattern":"^[a-z0-9][a-z0-9._-]*$"};
const pattern7 = new RegExp("^[a-z0-9][a-z0-9._-]*$", "u");

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
let passing0 = null;
const _errs1 = errors;
if(typeof data === "string"){
if(func1(data) > 100){
const err0 = {instancePath,schemaPath:"#/$defs/teamSlug/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(!pattern7.test(data)){
const err1 = {instancePath,schemaPath:"#/$defs/teamSlug/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9._-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9._-]*$"+"\""};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath,schemaPath:"#/$defs/teamSlug/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var _valid0 = _errs1 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs4 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.slug === undefined){
const err3 = {instancePath,schemaPath:"#/oneOf/1/required",keyword:"required",params:{missingProperty: "slug"},message:"must have required property '"+"slug"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "slug") || (key0 === "role"))){
const err4 = {instancePath,schemaPath:"#/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.slug !== undefined){
let data0 = data.slug;
if(typeof data0 === "string"){
if(func1(data0) > 100){
const err5 = {instancePath:instancePath+"/slug",schemaPath:"#/$defs/teamSlug/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern7.test(data0)){
const err6 = {instancePath:instancePath+"/slug",schemaPath:"#/$defs/teamSlug/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9._-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9._-]*$"+"\""};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/slug",schemaPath:"#/$defs/teamSlug/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.role !== undefined){
let data1 = data.role;
if(!((data1 === "member") || (data1 === "maintainer"))){
const err8 = {instancePath:instancePath+"/role",schemaPath:"#/oneOf/1/properties/role/enum",keyword:"enum",params:{allowedValues: schema35.oneOf[1].properties.role.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var _valid0 = _errs4 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
var props0 = true;
}
}
if(!valid0){
const err10 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate22.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate22.evaluated = {"dynamicProps":true,"dynamicItems":false};


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.description === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "description"},message:"must have required property '"+"description"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "description") || (key0 === "identity")) || (key0 === "github")) || (key0 === "aws")) || (key0 === "slack")) || (key0 === "setup"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.description !== undefined){
let data0 = data.description;
if(typeof data0 === "string"){
if(func1(data0) > 200){
const err2 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(func1(data0) < 1){
const err3 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern5.test(data0)){
const err4 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000-\\u001f\\u007f-\\u009f]+$"},message:"must match pattern \""+"^[^\\u0000-\\u001f\\u007f-\\u009f]+$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.identity !== undefined){
let data1 = data.identity;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
if(!(key1 === "groups")){
const err6 = {instancePath:instancePath+"/identity",schemaPath:"#/properties/identity/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.groups !== undefined){
let data2 = data1.groups;
if(Array.isArray(data2)){
if(data2.length > 100){
const err7 = {instancePath:instancePath+"/identity/groups",schemaPath:"#/properties/identity/properties/groups/maxItems",keyword:"maxItems",params:{limit: 100},message:"must NOT have more than 100 items"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func1(data3) > 128){
const err8 = {instancePath:instancePath+"/identity/groups/" + i0,schemaPath:"#/$defs/idpGroup/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern6.test(data3)){
const err9 = {instancePath:instancePath+"/identity/groups/" + i0,schemaPath:"#/$defs/idpGroup/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9](?:[A-Za-z0-9 ._-]*[A-Za-z0-9])?$"},message:"must match pattern \""+"^[A-Za-z0-9](?:[A-Za-z0-9 ._-]*[A-Za-z0-9])?$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/identity/groups/" + i0,schemaPath:"#/$defs/idpGroup/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
let i1 = data2.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data2[i1], data2[j0])){
const err11 = {instancePath:instancePath+"/identity/groups",schemaPath:"#/properties/identity/properties/groups/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err12 = {instancePath:instancePath+"/identity/groups",schemaPath:"#/properties/identity/properties/groups/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/identity",schemaPath:"#/properties/identity/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.github !== undefined){
let data4 = data.github;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key2 in data4){
if(!(key2 === "teams")){
const err14 = {instancePath:instancePath+"/github",schemaPath:"#/properties/github/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.teams !== undefined){
let data5 = data4.teams;
if(Array.isArray(data5)){
if(data5.length > 100){
const err15 = {instancePath:instancePath+"/github/teams",schemaPath:"#/properties/github/properties/teams/maxItems",keyword:"maxItems",params:{limit: 100},message:"must NOT have more than 100 items"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len1 = data5.length;
for(let i2=0; i2<len1; i2++){
if(!(validate22(data5[i2], {instancePath:instancePath+"/github/teams/" + i2,parentData:data5,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
let i3 = data5.length;
let j1;
if(i3 > 1){
outer1:
for(;i3--;){
for(j1 = i3; j1--;){
if(func0(data5[i3], data5[j1])){
const err16 = {instancePath:instancePath+"/github/teams",schemaPath:"#/properties/github/properties/teams/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err17 = {instancePath:instancePath+"/github/teams",schemaPath:"#/properties/github/properties/teams/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/github",schemaPath:"#/properties/github/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.aws !== undefined){
let data7 = data.aws;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key3 in data7){
if(!((((key3 === "groups") || (key3 === "policies")) || (key3 === "console")) || (key3 === "identity-center"))){
const err19 = {instancePath:instancePath+"/aws",schemaPath:"#/properties/aws/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data7.groups !== undefined){
let data8 = data7.groups;
if(Array.isArray(data8)){
if(data8.length > 10){
const err20 = {instancePath:instancePath+"/aws/groups",schemaPath:"#/properties/aws/properties/groups/maxItems",keyword:"maxItems",params:{limit: 10},message:"must NOT have more than 10 items"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
const len2 = data8.length;
for(let i4=0; i4<len2; i4++){
let data9 = data8[i4];
if(typeof data9 === "string"){
if(func1(data9) > 128){
const err21 = {instancePath:instancePath+"/aws/groups/" + i4,schemaPath:"#/$defs/awsGroup/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(!pattern9.test(data9)){
const err22 = {instancePath:instancePath+"/aws/groups/" + i4,schemaPath:"#/$defs/awsGroup/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9+=,.@_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9+=,.@_-]+$"+"\""};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/aws/groups/" + i4,schemaPath:"#/$defs/awsGroup/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
let i5 = data8.length;
let j2;
if(i5 > 1){
outer2:
for(;i5--;){
for(j2 = i5; j2--;){
if(func0(data8[i5], data8[j2])){
const err24 = {instancePath:instancePath+"/aws/groups",schemaPath:"#/properties/aws/properties/groups/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i5+" are identical)"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
break outer2;
}
}
}
}
}
else {
const err25 = {instancePath:instancePath+"/aws/groups",schemaPath:"#/properties/aws/properties/groups/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data7.policies !== undefined){
let data10 = data7.policies;
if(Array.isArray(data10)){
if(data10.length > 20){
const err26 = {instancePath:instancePath+"/aws/policies",schemaPath:"#/properties/aws/properties/policies/maxItems",keyword:"maxItems",params:{limit: 20},message:"must NOT have more than 20 items"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
const len3 = data10.length;
for(let i6=0; i6<len3; i6++){
let data11 = data10[i6];
if(typeof data11 === "string"){
if(func1(data11) > 2048){
const err27 = {instancePath:instancePath+"/aws/policies/" + i6,schemaPath:"#/$defs/policyArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(!pattern10.test(data11)){
const err28 = {instancePath:instancePath+"/aws/policies/" + i6,schemaPath:"#/$defs/policyArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"},message:"must match pattern \""+"^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/aws/policies/" + i6,schemaPath:"#/$defs/policyArn/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
let i7 = data10.length;
let j3;
if(i7 > 1){
outer3:
for(;i7--;){
for(j3 = i7; j3--;){
if(func0(data10[i7], data10[j3])){
const err30 = {instancePath:instancePath+"/aws/policies",schemaPath:"#/properties/aws/properties/policies/uniqueItems",keyword:"uniqueItems",params:{i: i7, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i7+" are identical)"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
break outer3;
}
}
}
}
}
else {
const err31 = {instancePath:instancePath+"/aws/policies",schemaPath:"#/properties/aws/properties/policies/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data7.console !== undefined){
if(typeof data7.console !== "boolean"){
const err32 = {instancePath:instancePath+"/aws/console",schemaPath:"#/properties/aws/properties/console/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data7["identity-center"] !== undefined){
let data13 = data7["identity-center"];
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(const key4 in data13){
if(!((key4 === "assignments") || (key4 === "groups"))){
const err33 = {instancePath:instancePath+"/aws/identity-center",schemaPath:"#/properties/aws/properties/identity-center/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data13.assignments !== undefined){
let data14 = data13.assignments;
if(Array.isArray(data14)){
if(data14.length > 100){
const err34 = {instancePath:instancePath+"/aws/identity-center/assignments",schemaPath:"#/properties/aws/properties/identity-center/properties/assignments/maxItems",keyword:"maxItems",params:{limit: 100},message:"must NOT have more than 100 items"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
const len4 = data14.length;
for(let i8=0; i8<len4; i8++){
let data15 = data14[i8];
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.account === undefined){
const err35 = {instancePath:instancePath+"/aws/identity-center/assignments/" + i8,schemaPath:"#/$defs/assignment/required",keyword:"required",params:{missingProperty: "account"},message:"must have required property '"+"account"+"'"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(data15["permission-set"] === undefined){
const err36 = {instancePath:instancePath+"/aws/identity-center/assignments/" + i8,schemaPath:"#/$defs/assignment/required",keyword:"required",params:{missingProperty: "permission-set"},message:"must have required property '"+"permission-set"+"'"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
for(const key5 in data15){
if(!((key5 === "account") || (key5 === "permission-set"))){
const err37 = {instancePath:instancePath+"/aws/identity-center/assignments/" + i8,schemaPath:"#/$defs/assignment/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data15.account !== undefined){
let data16 = data15.account;
if(typeof data16 === "string"){
if(!pattern11.test(data16)){
const err38 = {instancePath:instancePath+"/aws/identity-center/assignments/" + i8+"/account",schemaPath:"#/$defs/assignment/properties/account/pattern",keyword:"pattern",params:{pattern: "^[0-9]{12}$"},message:"must match pattern \""+"^[0-9]{12}$"+"\""};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
else {
const err39 = {instancePath:instancePath+"/aws/identity-center/assignments/" + i8+"/account",schemaPath:"#/$defs/assignment/properties/account/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data15["permission-set"] !== undefined){
let data17 = data15["permission-set"];
if(typeof data17 === "string"){
if(func1(data17) > 1224){
const err40 = {instancePath:instancePath+"/aws/identity-center/assignments/" + i8+"/permission-set",schemaPath:"#/$defs/assignment/properties/permission-set/maxLength",keyword:"maxLength",params:{limit: 1224},message:"must NOT have more than 1224 characters"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(!pattern12.test(data17)){
const err41 = {instancePath:instancePath+"/aws/identity-center/assignments/" + i8+"/permission-set",schemaPath:"#/$defs/assignment/properties/permission-set/pattern",keyword:"pattern",params:{pattern: "^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"},message:"must match pattern \""+"^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"+"\""};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/aws/identity-center/assignments/" + i8+"/permission-set",schemaPath:"#/$defs/assignment/properties/permission-set/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/aws/identity-center/assignments/" + i8,schemaPath:"#/$defs/assignment/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
let i9 = data14.length;
let j4;
if(i9 > 1){
outer4:
for(;i9--;){
for(j4 = i9; j4--;){
if(func0(data14[i9], data14[j4])){
const err44 = {instancePath:instancePath+"/aws/identity-center/assignments",schemaPath:"#/properties/aws/properties/identity-center/properties/assignments/uniqueItems",keyword:"uniqueItems",params:{i: i9, j: j4},message:"must NOT have duplicate items (items ## "+j4+" and "+i9+" are identical)"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
break outer4;
}
}
}
}
}
else {
const err45 = {instancePath:instancePath+"/aws/identity-center/assignments",schemaPath:"#/properties/aws/properties/identity-center/properties/assignments/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data13.groups !== undefined){
let data18 = data13.groups;
if(Array.isArray(data18)){
if(data18.length > 100){
const err46 = {instancePath:instancePath+"/aws/identity-center/groups",schemaPath:"#/properties/aws/properties/identity-center/properties/groups/maxItems",keyword:"maxItems",params:{limit: 100},message:"must NOT have more than 100 items"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
const len5 = data18.length;
for(let i10=0; i10<len5; i10++){
let data19 = data18[i10];
if(typeof data19 === "string"){
if(func1(data19) > 128){
const err47 = {instancePath:instancePath+"/aws/identity-center/groups/" + i10,schemaPath:"#/$defs/ssoGroup/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(!pattern13.test(data19)){
const err48 = {instancePath:instancePath+"/aws/identity-center/groups/" + i10,schemaPath:"#/$defs/ssoGroup/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"},message:"must match pattern \""+"^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"+"\""};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/aws/identity-center/groups/" + i10,schemaPath:"#/$defs/ssoGroup/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
let i11 = data18.length;
let j5;
if(i11 > 1){
outer5:
for(;i11--;){
for(j5 = i11; j5--;){
if(func0(data18[i11], data18[j5])){
const err50 = {instancePath:instancePath+"/aws/identity-center/groups",schemaPath:"#/properties/aws/properties/identity-center/properties/groups/uniqueItems",keyword:"uniqueItems",params:{i: i11, j: j5},message:"must NOT have duplicate items (items ## "+j5+" and "+i11+" are identical)"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
break outer5;
}
}
}
}
}
else {
const err51 = {instancePath:instancePath+"/aws/identity-center/groups",schemaPath:"#/properties/aws/properties/identity-center/properties/groups/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath:instancePath+"/aws/identity-center",schemaPath:"#/properties/aws/properties/identity-center/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
else {
const err53 = {instancePath:instancePath+"/aws",schemaPath:"#/properties/aws/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data.slack !== undefined){
let data20 = data.slack;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
for(const key6 in data20){
if(!(key6 === "channels")){
const err54 = {instancePath:instancePath+"/slack",schemaPath:"#/properties/slack/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data20.channels !== undefined){
let data21 = data20.channels;
if(Array.isArray(data21)){
if(data21.length > 100){
const err55 = {instancePath:instancePath+"/slack/channels",schemaPath:"#/properties/slack/properties/channels/maxItems",keyword:"maxItems",params:{limit: 100},message:"must NOT have more than 100 items"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
const len6 = data21.length;
for(let i12=0; i12<len6; i12++){
let data22 = data21[i12];
if(typeof data22 === "string"){
if(func1(data22) > 81){
const err56 = {instancePath:instancePath+"/slack/channels/" + i12,schemaPath:"#/$defs/channel/maxLength",keyword:"maxLength",params:{limit: 81},message:"must NOT have more than 81 characters"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if(!pattern14.test(data22)){
const err57 = {instancePath:instancePath+"/slack/channels/" + i12,schemaPath:"#/$defs/channel/pattern",keyword:"pattern",params:{pattern: "^#[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^#[a-z0-9][a-z0-9_-]*$"+"\""};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
else {
const err58 = {instancePath:instancePath+"/slack/channels/" + i12,schemaPath:"#/$defs/channel/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
let i13 = data21.length;
let j6;
if(i13 > 1){
outer6:
for(;i13--;){
for(j6 = i13; j6--;){
if(func0(data21[i13], data21[j6])){
const err59 = {instancePath:instancePath+"/slack/channels",schemaPath:"#/properties/slack/properties/channels/uniqueItems",keyword:"uniqueItems",params:{i: i13, j: j6},message:"must NOT have duplicate items (items ## "+j6+" and "+i13+" are identical)"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
break outer6;
}
}
}
}
}
else {
const err60 = {instancePath:instancePath+"/slack/channels",schemaPath:"#/properties/slack/properties/channels/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
}
else {
const err61 = {instancePath:instancePath+"/slack",schemaPath:"#/properties/slack/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data.setup !== undefined){
let data23 = data.setup;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(const key7 in data23){
if(!(key7 === "repos")){
const err62 = {instancePath:instancePath+"/setup",schemaPath:"#/properties/setup/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data23.repos !== undefined){
let data24 = data23.repos;
if(Array.isArray(data24)){
if(data24.length > 100){
const err63 = {instancePath:instancePath+"/setup/repos",schemaPath:"#/properties/setup/properties/repos/maxItems",keyword:"maxItems",params:{limit: 100},message:"must NOT have more than 100 items"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
const len7 = data24.length;
for(let i14=0; i14<len7; i14++){
let data25 = data24[i14];
if(typeof data25 === "string"){
if(func1(data25) > 140){
const err64 = {instancePath:instancePath+"/setup/repos/" + i14,schemaPath:"#/$defs/repo/maxLength",keyword:"maxLength",params:{limit: 140},message:"must NOT have more than 140 characters"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(!pattern15.test(data25)){
const err65 = {instancePath:instancePath+"/setup/repos/" + i14,schemaPath:"#/$defs/repo/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$"},message:"must match pattern \""+"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$"+"\""};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/setup/repos/" + i14,schemaPath:"#/$defs/repo/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
let i15 = data24.length;
let j7;
if(i15 > 1){
outer7:
for(;i15--;){
for(j7 = i15; j7--;){
if(func0(data24[i15], data24[j7])){
const err67 = {instancePath:instancePath+"/setup/repos",schemaPath:"#/properties/setup/properties/repos/uniqueItems",keyword:"uniqueItems",params:{i: i15, j: j7},message:"must NOT have duplicate items (items ## "+j7+" and "+i15+" are identical)"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
break outer7;
}
}
}
}
}
else {
const err68 = {instancePath:instancePath+"/setup/repos",schemaPath:"#/properties/setup/properties/repos/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
else {
const err69 = {instancePath:instancePath+"/setup",schemaPath:"#/properties/setup/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.roles === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "roles"},message:"must have required property '"+"roles"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "version") || (key0 === "roles"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.version !== undefined){
if(1 !== data.version){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.roles !== undefined){
let data1 = data.roles;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(Object.keys(data1).length < 1){
const err4 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key1 in data1){
const _errs5 = errors;
if(typeof key1 === "string"){
if(func1(key1) > 64){
const err5 = {instancePath:instancePath+"/roles",schemaPath:"#/$defs/roleKey/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",propertyName:key1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern4.test(key1)){
const err6 = {instancePath:instancePath+"/roles",schemaPath:"#/$defs/roleKey/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"},message:"must match pattern \""+"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"+"\"",propertyName:key1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/roles",schemaPath:"#/$defs/roleKey/type",keyword:"type",params:{type: "string"},message:"must be string",propertyName:key1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var valid1 = _errs5 === errors;
if(!valid1){
const err8 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
for(const key2 in data1){
if(!(validate21(data1[key2], {instancePath:instancePath+"/roles/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data1,parentDataProperty:key2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err9 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const validateGuardrails = validate25;
const schema44 = {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"onramp guardrails (.github/access/guardrails.yaml)","type":"object","additionalProperties":false,"required":["version","email-domains"],"properties":{"version":{"const":1,"title":"schema version","description":"must be 1"},"email-domains":{"type":"array","description":"the only domains a person's email may be in (exact match, ASCII/IDNA form)","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/domain"}},"github":{"type":"object","additionalProperties":false,"required":["org"],"properties":{"org":{"$ref":"#/$defs/login"},"protected-logins":{"type":"array","description":"accounts onramp never removes or changes (owners, break-glass, bots)","uniqueItems":true,"items":{"$ref":"#/$defs/login"},"default":[]},"max-invitation-resends":{"type":"integer","title":"max-invitation-resends","description":"an integer from 0 to 10 (default 3)","minimum":0,"maximum":10,"default":3},"invitation-deadline-days":{"type":"integer","title":"invitation-deadline-days","description":"an integer from 1 to 365 (default 14): days after the HR event an invitation still unaccepted is reported overdue","minimum":1,"maximum":365,"default":14},"invitation-cap":{"enum":[50,500],"title":"invitation-cap","description":"organisation invitations per 24 hours: 50 for a new org, 500 otherwise (default 50)","default":50},"max-removals":{"type":"integer","title":"max-removals","description":"an integer from 0 to 1000: most removals one run may make before it aborts (default 10)","minimum":0,"maximum":1000,"default":10}}},"aws":{"type":"object","additionalProperties":false,"properties":{"mode":{"enum":["identity-center","iam-users"],"title":"aws.mode","description":"identity-center or iam-users (default iam-users)"},"user-path":{"type":"string","title":"IAM path","description":"begins and ends with '/', segments of letters, digits and +=,.@_-, at most 512 characters","maxLength":512,"pattern":"^/(?:[A-Za-z0-9+=,.@_-]+/)*$"},"permissions-boundary":{"$ref":"#/$defs/policyArn"},"allowed-policies":{"type":"array","description":"every policy a role may attach","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/policyArn"}},"identity-center":{"$ref":"#/$defs/identityCenter"}},"description":"AWS access: IAM Identity Center permission sets and groups (mode identity-center, recommended), or IAM users (mode iam-users, the default when mode is absent)"},"slack":{"type":"object","additionalProperties":false,"required":["announce-channel","alerts-channel"],"properties":{"announce-channel":{"$ref":"#/$defs/channel"},"alerts-channel":{"$ref":"#/$defs/channel"}}},"guard":{"type":"object","additionalProperties":false,"description":"the mass-change guard over every system, evaluated on the access plan before any change","properties":{"max-removals":{"type":"integer","title":"guard.max-removals","description":"an integer from 0 to 100000: most item removals one run may make over all systems (default 100)","minimum":0,"maximum":100000,"default":100},"max-share":{"type":"number","title":"guard.max-share","description":"a percentage from 0 to 100: most of the managed people one run may take anything away from (default 25)","minimum":0,"maximum":100,"default":25}}},"events":{"type":"object","additionalProperties":false,"properties":{"max-age":{"type":"string","title":"events.max-age","description":"how long a signed HR event stays valid after it was signed: 1-9999m, 1-168h or 1-7d (default 24h)","pattern":"^(?:[1-9][0-9]{0,3}m|(?:[1-9]|[1-9][0-9]|1[0-5][0-9]|16[0-8])h|[1-7]d)$","default":"24h"}}},"dates":{"type":"object","additionalProperties":false,"description":"when dated HR events take effect: a joiner's start date and a leaver's last day, in the organization's time zone","properties":{"time-zone":{"type":"string","title":"dates.time-zone","description":"an IANA time zone name such as Europe/Berlin or America/Los_Angeles: the zone start dates and last days are read in (default UTC)","pattern":"^(?:UTC|[A-Za-z]+(?:/[A-Za-z0-9_+-]+){1,2})$","default":"UTC"},"joiner":{"type":"object","additionalProperties":false,"description":"before a start date: the identity provider account exists STAGED; these say how early the rest happens","properties":{"github-days-before":{"type":"integer","title":"dates.joiner.github-days-before","description":"an integer from 0 to 60: days before the start date the GitHub invitation goes out (default 0: on the day)","minimum":0,"maximum":60,"default":0},"aws-days-before":{"type":"integer","title":"dates.joiner.aws-days-before","description":"an integer from 0 to 60: days before the start date AWS access is granted (default 0: on the day)","minimum":0,"maximum":60,"default":0},"welcome-days-before":{"type":"integer","title":"dates.joiner.welcome-days-before","description":"an integer from 0 to 60: days before the start date the welcome email goes to the personal email and the manager hears what is ready (default 3)","minimum":0,"maximum":60,"default":3}}},"leaver":{"type":"object","additionalProperties":false,"description":"after a last day: access ends at the end of that day; these schedule what follows","properties":{"deactivate-after-days":{"type":"integer","title":"dates.leaver.deactivate-after-days","description":"an integer from 1 to 3650: days after access ended that the identity provider user (suspended then) is deactivated; absent: never by date","minimum":1,"maximum":3650},"delete-after-days":{"type":"integer","title":"dates.leaver.delete-after-days","description":"an integer from 1 to 3650: days after access ended that the IAM user (or the Identity Store user onramp created) is deleted; absent: never by date","minimum":1,"maximum":3650}}}}},"grants":{"type":"object","additionalProperties":false,"description":"time-bound grants: extra access for one person for a limited time, from this allowlist only","properties":{"max-days":{"type":"integer","title":"grants.max-days","description":"an integer from 1 to 365: the longest a time-bound grant may last (default 30)","minimum":1,"maximum":365,"default":30},"allowed":{"type":"object","additionalProperties":false,"description":"what a time-bound grant may give","properties":{"identity-groups":{"type":"array","title":"grants.allowed.identity-groups","description":"identity provider group names a grant may add","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"github-teams":{"type":"array","title":"grants.allowed.github-teams","description":"GitHub team slugs a grant may add (as member)","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"aws-policies":{"type":"array","title":"grants.allowed.aws-policies","description":"IAM policy ARNs a grant may attach (each also in aws.allowed-policies)","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"aws-groups":{"type":"array","title":"grants.allowed.aws-groups","description":"IAM group names a grant may add","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"slack-channels":{"type":"array","title":"grants.allowed.slack-channels","description":"Slack channels a grant may add","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}}}}}}},"$defs":{"domain":{"type":"string","title":"email domain","description":"a lower-case ASCII (IDNA) domain name with at least two labels","maxLength":253,"pattern":"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$"},"login":{"type":"string","title":"GitHub login","description":"letters, digits and single hyphens, not starting or ending with a hyphen, at most 39 characters","maxLength":39,"pattern":"^[A-Za-z0-9](?:-?[A-Za-z0-9])*$"},"policyArn":{"type":"string","title":"IAM managed policy ARN","description":"arn:aws:iam::aws:policy/NAME or arn:aws:iam::<12-digit account>:policy/PATH/NAME","maxLength":2048,"pattern":"^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"},"channel":{"type":"string","title":"Slack channel","description":"'#' then lower-case letters, digits, '_' or '-', at most 80 characters after the '#'","maxLength":81,"pattern":"^#[a-z0-9][a-z0-9_-]*$"},"identityCenter":{"type":"object","additionalProperties":false,"description":"the IAM Identity Center instance onramp manages access in, and its allowlists","required":["instance-arn","identity-store-id","region","start-url","accounts","permission-sets"],"properties":{"instance-arn":{"$ref":"#/$defs/instanceArn"},"identity-store-id":{"$ref":"#/$defs/identityStoreId"},"region":{"$ref":"#/$defs/awsRegion"},"start-url":{"$ref":"#/$defs/startUrl"},"users":{"enum":["idp","onramp"],"title":"users","description":"idp: the identity provider provisions users by SCIM and onramp finds them; onramp: onramp creates them (default idp)","default":"idp"},"on-offboard":{"enum":["keep","delete"],"title":"on-offboard","description":"keep or delete the Identity Store user of a leaver once its access is gone; only a user onramp created is deleted (default keep)","default":"keep"},"accounts":{"type":"array","description":"the AWS accounts roles may assign permission sets in","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/accountId"}},"permission-sets":{"type":"array","description":"the permission sets roles may assign, by ARN","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/permissionSetArn"}},"groups":{"type":"array","description":"Identity Center groups roles may make people members of, by display name","uniqueItems":true,"items":{"$ref":"#/$defs/ssoGroup"},"default":[]}}},"accountId":{"type":"string","title":"AWS account id","description":"12 digits","pattern":"^[0-9]{12}$"},"permissionSetArn":{"type":"string","title":"permission set ARN","description":"arn:aws:sso:::permissionSet/ssoins-<16 characters>/ps-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"},"ssoGroup":{"type":"string","title":"Identity Center group name","description":"letters, digits, spaces and ._@+-, starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"},"instanceArn":{"type":"string","title":"Identity Center instance ARN","description":"arn:aws:sso:::instance/ssoins-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::instance/(?:sso)?ins-[a-zA-Z0-9-.]{16}$"},"identityStoreId":{"type":"string","title":"identity store id","description":"d- and 10 hexadecimal digits, or a UUID","maxLength":36,"pattern":"^(?:d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"},"awsRegion":{"type":"string","title":"AWS region","description":"the Identity Center instance's region, such as us-east-1","maxLength":32,"pattern":"^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}$"},"startUrl":{"type":"string","title":"AWS access portal URL","description":"https:// and a host name, with an optional path (the access portal's start URL)","maxLength":512,"pattern":"^https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?:/[A-Za-z0-9._~-]+)*/?$"}}};
const schema45 = {"type":"string","title":"email domain","description":"a lower-case ASCII (IDNA) domain name with at least two labels","maxLength":253,"pattern":"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$"};
const schema46 = {"type":"string","title":"GitHub login","description":"letters, digits and single hyphens, not starting or ending with a hyphen, at most 39 characters","maxLength":39,"pattern":"^[A-Za-z0-9](?:-?[A-Za-z0-9])*$"};
const schema48 = {"type":"string","title":"IAM managed policy ARN","description":"arn:aws:iam::aws:policy/NAME or arn:aws:iam::<12-digit account>:policy/PATH/NAME","maxLength":2048,"pattern":"^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"};
const schema58 = {"type":"string","title":"Slack channel","description":"'#' then lower-case letters, digits, '_' or '-', at most 80 characters after the '#'","maxLength":81,"pattern":"^#[a-z0-9][a-z0-9_-]*$"};
const func21 = Object.prototype.hasOwnProperty;
const pattern16 = new RegExp("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$", "u");
const pattern17 = new RegExp("^[A-Za-z0-9](?:-?[A-Za-z0-9])*$", "u");
const pattern19 = new RegExp("^/(?:[A-Za-z0-9+=,.@_-]+/)*$", "u");
const pattern31 = new RegExp("^(?:[1-9][0-9]{0,3}m|(?:[1-9]|[1-9][0-9]|1[0-5][0-9]|16[0-8])h|[1-7]d)$", "u");
const pattern32 = new RegExp("^(?:UTC|[A-Za-z]+(?:/[A-Za-z0-9_+-]+){1,2})$", "u");
const schema50 = {"type":"object","additionalProperties":false,"description":"the IAM Identity Center instance onramp manages access in, and its allowlists","required":["instance-arn","identity-store-id","region","start-url","accounts","permission-sets"],"properties":{"instance-arn":{"$ref":"#/$defs/instanceArn"},"identity-store-id":{"$ref":"#/$defs/identityStoreId"},"region":{"$ref":"#/$defs/awsRegion"},"start-url":{"$ref":"#/$defs/startUrl"},"users":{"enum":["idp","onramp"],"title":"users","description":"idp: the identity provider provisions users by SCIM and onramp finds them; onramp: onramp creates them (default idp)","default":"idp"},"on-offboard":{"enum":["keep","delete"],"title":"on-offboard","description":"keep or delete the Identity Store user of a leaver once its access is gone; only a user onramp created is deleted (default keep)","default":"keep"},"accounts":{"type":"array","description":"the AWS accounts roles may assign permission sets in","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/accountId"}},"permission-sets":{"type":"array","description":"the permission sets roles may assign, by ARN","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/permissionSetArn"}},"groups":{"type":"array","description":"Identity Center groups roles may make people members of, by display name","uniqueItems":true,"items":{"$ref":"#/$defs/ssoGroup"},"default":[]}}};
const schema51 = {"type":"string","title":"Identity Center instance ARN","description":"arn:aws:sso:::instance/ssoins-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::instance/(?:sso)?ins-[a-zA-Z0-9-.]{16}$"};
const schema52 = {"type":"string","title":"identity store id","description":"d- and 10 hexadecimal digits, or a UUID","maxLength":36,"pattern":"^(?:d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"};
const schema53 = {"type":"string","title":"AWS region","description":"the Identity Center instance's region, such as us-east-1","maxLength":32,"pattern":"^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}$"};
const schema54 = {"type":"string","title":"AWS access portal URL","description":"https:// and a host name, with an optional path (the access portal's start URL)","maxLength":512,"pattern":"^https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?:/[A-Za-z0-9._~-]+)*/?$"};
const schema55 = {"type":"string","title":"AWS account id","description":"12 digits","pattern":"^[0-9]{12}$"};
const schema56 = {"type":"string","title":"permission set ARN","description":"arn:aws:sso:::permissionSet/ssoins-<16 characters>/ps-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"};
const schema57 = {"type":"string","title":"Identity Center group name","description":"letters, digits, spaces and ._@+-, starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"};
const pattern22 = new RegExp("^arn:aws(?:-cn|-us-gov)?:sso:::instance/(?:sso)?ins-[a-zA-Z0-9-.]{16}$", "u");
const pattern23 = new RegExp("^(?:d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$", "u");
const pattern24 = new RegExp("^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}$", "u");
const pattern25 = new RegExp("^https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?:/[A-Za-z0-9._~-]+)*/?$", "u");

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data["instance-arn"] === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "instance-arn"},message:"must have required property '"+"instance-arn"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data["identity-store-id"] === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "identity-store-id"},message:"must have required property '"+"identity-store-id"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.region === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "region"},message:"must have required property '"+"region"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data["start-url"] === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "start-url"},message:"must have required property '"+"start-url"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.accounts === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "accounts"},message:"must have required property '"+"accounts"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data["permission-sets"] === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "permission-sets"},message:"must have required property '"+"permission-sets"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key0 in data){
if(!(func21.call(schema50.properties, key0))){
const err6 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data["instance-arn"] !== undefined){
let data0 = data["instance-arn"];
if(typeof data0 === "string"){
if(func1(data0) > 1224){
const err7 = {instancePath:instancePath+"/instance-arn",schemaPath:"#/$defs/instanceArn/maxLength",keyword:"maxLength",params:{limit: 1224},message:"must NOT have more than 1224 characters"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!pattern22.test(data0)){
const err8 = {instancePath:instancePath+"/instance-arn",schemaPath:"#/$defs/instanceArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws(?:-cn|-us-gov)?:sso:::instance/(?:sso)?ins-[a-zA-Z0-9-.]{16}$"},message:"must match pattern \""+"^arn:aws(?:-cn|-us-gov)?:sso:::instance/(?:sso)?ins-[a-zA-Z0-9-.]{16}$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/instance-arn",schemaPath:"#/$defs/instanceArn/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data["identity-store-id"] !== undefined){
let data1 = data["identity-store-id"];
if(typeof data1 === "string"){
if(func1(data1) > 36){
const err10 = {instancePath:instancePath+"/identity-store-id",schemaPath:"#/$defs/identityStoreId/maxLength",keyword:"maxLength",params:{limit: 36},message:"must NOT have more than 36 characters"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!pattern23.test(data1)){
const err11 = {instancePath:instancePath+"/identity-store-id",schemaPath:"#/$defs/identityStoreId/pattern",keyword:"pattern",params:{pattern: "^(?:d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"},message:"must match pattern \""+"^(?:d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"+"\""};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/identity-store-id",schemaPath:"#/$defs/identityStoreId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.region !== undefined){
let data2 = data.region;
if(typeof data2 === "string"){
if(func1(data2) > 32){
const err13 = {instancePath:instancePath+"/region",schemaPath:"#/$defs/awsRegion/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern24.test(data2)){
const err14 = {instancePath:instancePath+"/region",schemaPath:"#/$defs/awsRegion/pattern",keyword:"pattern",params:{pattern: "^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}$"},message:"must match pattern \""+"^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}$"+"\""};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/region",schemaPath:"#/$defs/awsRegion/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data["start-url"] !== undefined){
let data3 = data["start-url"];
if(typeof data3 === "string"){
if(func1(data3) > 512){
const err16 = {instancePath:instancePath+"/start-url",schemaPath:"#/$defs/startUrl/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!pattern25.test(data3)){
const err17 = {instancePath:instancePath+"/start-url",schemaPath:"#/$defs/startUrl/pattern",keyword:"pattern",params:{pattern: "^https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?:/[A-Za-z0-9._~-]+)*/?$"},message:"must match pattern \""+"^https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?:/[A-Za-z0-9._~-]+)*/?$"+"\""};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/start-url",schemaPath:"#/$defs/startUrl/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.users !== undefined){
let data4 = data.users;
if(!((data4 === "idp") || (data4 === "onramp"))){
const err19 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/enum",keyword:"enum",params:{allowedValues: schema50.properties.users.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data["on-offboard"] !== undefined){
let data5 = data["on-offboard"];
if(!((data5 === "keep") || (data5 === "delete"))){
const err20 = {instancePath:instancePath+"/on-offboard",schemaPath:"#/properties/on-offboard/enum",keyword:"enum",params:{allowedValues: schema50.properties["on-offboard"].enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.accounts !== undefined){
let data6 = data.accounts;
if(Array.isArray(data6)){
if(data6.length < 1){
const err21 = {instancePath:instancePath+"/accounts",schemaPath:"#/properties/accounts/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
let data7 = data6[i0];
if(typeof data7 === "string"){
if(!pattern11.test(data7)){
const err22 = {instancePath:instancePath+"/accounts/" + i0,schemaPath:"#/$defs/accountId/pattern",keyword:"pattern",params:{pattern: "^[0-9]{12}$"},message:"must match pattern \""+"^[0-9]{12}$"+"\""};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/accounts/" + i0,schemaPath:"#/$defs/accountId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
let i1 = data6.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data6[i1], data6[j0])){
const err24 = {instancePath:instancePath+"/accounts",schemaPath:"#/properties/accounts/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err25 = {instancePath:instancePath+"/accounts",schemaPath:"#/properties/accounts/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data["permission-sets"] !== undefined){
let data8 = data["permission-sets"];
if(Array.isArray(data8)){
if(data8.length < 1){
const err26 = {instancePath:instancePath+"/permission-sets",schemaPath:"#/properties/permission-sets/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
const len1 = data8.length;
for(let i2=0; i2<len1; i2++){
let data9 = data8[i2];
if(typeof data9 === "string"){
if(func1(data9) > 1224){
const err27 = {instancePath:instancePath+"/permission-sets/" + i2,schemaPath:"#/$defs/permissionSetArn/maxLength",keyword:"maxLength",params:{limit: 1224},message:"must NOT have more than 1224 characters"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(!pattern12.test(data9)){
const err28 = {instancePath:instancePath+"/permission-sets/" + i2,schemaPath:"#/$defs/permissionSetArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"},message:"must match pattern \""+"^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"+"\""};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/permission-sets/" + i2,schemaPath:"#/$defs/permissionSetArn/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
let i3 = data8.length;
let j1;
if(i3 > 1){
outer1:
for(;i3--;){
for(j1 = i3; j1--;){
if(func0(data8[i3], data8[j1])){
const err30 = {instancePath:instancePath+"/permission-sets",schemaPath:"#/properties/permission-sets/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err31 = {instancePath:instancePath+"/permission-sets",schemaPath:"#/properties/permission-sets/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.groups !== undefined){
let data10 = data.groups;
if(Array.isArray(data10)){
const len2 = data10.length;
for(let i4=0; i4<len2; i4++){
let data11 = data10[i4];
if(typeof data11 === "string"){
if(func1(data11) > 128){
const err32 = {instancePath:instancePath+"/groups/" + i4,schemaPath:"#/$defs/ssoGroup/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(!pattern13.test(data11)){
const err33 = {instancePath:instancePath+"/groups/" + i4,schemaPath:"#/$defs/ssoGroup/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"},message:"must match pattern \""+"^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"+"\""};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/groups/" + i4,schemaPath:"#/$defs/ssoGroup/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
let i5 = data10.length;
let j2;
if(i5 > 1){
outer2:
for(;i5--;){
for(j2 = i5; j2--;){
if(func0(data10[i5], data10[j2])){
const err35 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i5+" are identical)"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
break outer2;
}
}
}
}
}
else {
const err36 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data["email-domains"] === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "email-domains"},message:"must have required property '"+"email-domains"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func21.call(schema44.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.version !== undefined){
if(1 !== data.version){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data["email-domains"] !== undefined){
let data1 = data["email-domains"];
if(Array.isArray(data1)){
if(data1.length < 1){
const err4 = {instancePath:instancePath+"/email-domains",schemaPath:"#/properties/email-domains/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func1(data2) > 253){
const err5 = {instancePath:instancePath+"/email-domains/" + i0,schemaPath:"#/$defs/domain/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern16.test(data2)){
const err6 = {instancePath:instancePath+"/email-domains/" + i0,schemaPath:"#/$defs/domain/pattern",keyword:"pattern",params:{pattern: "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$"},message:"must match pattern \""+"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$"+"\""};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/email-domains/" + i0,schemaPath:"#/$defs/domain/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data1[i1], data1[j0])){
const err8 = {instancePath:instancePath+"/email-domains",schemaPath:"#/properties/email-domains/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err9 = {instancePath:instancePath+"/email-domains",schemaPath:"#/properties/email-domains/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.github !== undefined){
let data3 = data.github;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.org === undefined){
const err10 = {instancePath:instancePath+"/github",schemaPath:"#/properties/github/required",keyword:"required",params:{missingProperty: "org"},message:"must have required property '"+"org"+"'"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key1 in data3){
if(!((((((key1 === "org") || (key1 === "protected-logins")) || (key1 === "max-invitation-resends")) || (key1 === "invitation-deadline-days")) || (key1 === "invitation-cap")) || (key1 === "max-removals"))){
const err11 = {instancePath:instancePath+"/github",schemaPath:"#/properties/github/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data3.org !== undefined){
let data4 = data3.org;
if(typeof data4 === "string"){
if(func1(data4) > 39){
const err12 = {instancePath:instancePath+"/github/org",schemaPath:"#/$defs/login/maxLength",keyword:"maxLength",params:{limit: 39},message:"must NOT have more than 39 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!pattern17.test(data4)){
const err13 = {instancePath:instancePath+"/github/org",schemaPath:"#/$defs/login/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9](?:-?[A-Za-z0-9])*$"},message:"must match pattern \""+"^[A-Za-z0-9](?:-?[A-Za-z0-9])*$"+"\""};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/github/org",schemaPath:"#/$defs/login/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data3["protected-logins"] !== undefined){
let data5 = data3["protected-logins"];
if(Array.isArray(data5)){
const len1 = data5.length;
for(let i2=0; i2<len1; i2++){
let data6 = data5[i2];
if(typeof data6 === "string"){
if(func1(data6) > 39){
const err15 = {instancePath:instancePath+"/github/protected-logins/" + i2,schemaPath:"#/$defs/login/maxLength",keyword:"maxLength",params:{limit: 39},message:"must NOT have more than 39 characters"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!pattern17.test(data6)){
const err16 = {instancePath:instancePath+"/github/protected-logins/" + i2,schemaPath:"#/$defs/login/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9](?:-?[A-Za-z0-9])*$"},message:"must match pattern \""+"^[A-Za-z0-9](?:-?[A-Za-z0-9])*$"+"\""};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/github/protected-logins/" + i2,schemaPath:"#/$defs/login/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let i3 = data5.length;
let j1;
if(i3 > 1){
outer1:
for(;i3--;){
for(j1 = i3; j1--;){
if(func0(data5[i3], data5[j1])){
const err18 = {instancePath:instancePath+"/github/protected-logins",schemaPath:"#/properties/github/properties/protected-logins/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err19 = {instancePath:instancePath+"/github/protected-logins",schemaPath:"#/properties/github/properties/protected-logins/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data3["max-invitation-resends"] !== undefined){
let data7 = data3["max-invitation-resends"];
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err20 = {instancePath:instancePath+"/github/max-invitation-resends",schemaPath:"#/properties/github/properties/max-invitation-resends/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 10 || isNaN(data7)){
const err21 = {instancePath:instancePath+"/github/max-invitation-resends",schemaPath:"#/properties/github/properties/max-invitation-resends/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10},message:"must be <= 10"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data7 < 0 || isNaN(data7)){
const err22 = {instancePath:instancePath+"/github/max-invitation-resends",schemaPath:"#/properties/github/properties/max-invitation-resends/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
if(data3["invitation-deadline-days"] !== undefined){
let data8 = data3["invitation-deadline-days"];
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err23 = {instancePath:instancePath+"/github/invitation-deadline-days",schemaPath:"#/properties/github/properties/invitation-deadline-days/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 365 || isNaN(data8)){
const err24 = {instancePath:instancePath+"/github/invitation-deadline-days",schemaPath:"#/properties/github/properties/invitation-deadline-days/maximum",keyword:"maximum",params:{comparison: "<=", limit: 365},message:"must be <= 365"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err25 = {instancePath:instancePath+"/github/invitation-deadline-days",schemaPath:"#/properties/github/properties/invitation-deadline-days/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
if(data3["invitation-cap"] !== undefined){
let data9 = data3["invitation-cap"];
if(!((data9 === 50) || (data9 === 500))){
const err26 = {instancePath:instancePath+"/github/invitation-cap",schemaPath:"#/properties/github/properties/invitation-cap/enum",keyword:"enum",params:{allowedValues: schema44.properties.github.properties["invitation-cap"].enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data3["max-removals"] !== undefined){
let data10 = data3["max-removals"];
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err27 = {instancePath:instancePath+"/github/max-removals",schemaPath:"#/properties/github/properties/max-removals/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 1000 || isNaN(data10)){
const err28 = {instancePath:instancePath+"/github/max-removals",schemaPath:"#/properties/github/properties/max-removals/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data10 < 0 || isNaN(data10)){
const err29 = {instancePath:instancePath+"/github/max-removals",schemaPath:"#/properties/github/properties/max-removals/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
}
else {
const err30 = {instancePath:instancePath+"/github",schemaPath:"#/properties/github/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.aws !== undefined){
let data11 = data.aws;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
for(const key2 in data11){
if(!(((((key2 === "mode") || (key2 === "user-path")) || (key2 === "permissions-boundary")) || (key2 === "allowed-policies")) || (key2 === "identity-center"))){
const err31 = {instancePath:instancePath+"/aws",schemaPath:"#/properties/aws/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data11.mode !== undefined){
let data12 = data11.mode;
if(!((data12 === "identity-center") || (data12 === "iam-users"))){
const err32 = {instancePath:instancePath+"/aws/mode",schemaPath:"#/properties/aws/properties/mode/enum",keyword:"enum",params:{allowedValues: schema44.properties.aws.properties.mode.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data11["user-path"] !== undefined){
let data13 = data11["user-path"];
if(typeof data13 === "string"){
if(func1(data13) > 512){
const err33 = {instancePath:instancePath+"/aws/user-path",schemaPath:"#/properties/aws/properties/user-path/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(!pattern19.test(data13)){
const err34 = {instancePath:instancePath+"/aws/user-path",schemaPath:"#/properties/aws/properties/user-path/pattern",keyword:"pattern",params:{pattern: "^/(?:[A-Za-z0-9+=,.@_-]+/)*$"},message:"must match pattern \""+"^/(?:[A-Za-z0-9+=,.@_-]+/)*$"+"\""};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/aws/user-path",schemaPath:"#/properties/aws/properties/user-path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data11["permissions-boundary"] !== undefined){
let data14 = data11["permissions-boundary"];
if(typeof data14 === "string"){
if(func1(data14) > 2048){
const err36 = {instancePath:instancePath+"/aws/permissions-boundary",schemaPath:"#/$defs/policyArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(!pattern10.test(data14)){
const err37 = {instancePath:instancePath+"/aws/permissions-boundary",schemaPath:"#/$defs/policyArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"},message:"must match pattern \""+"^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/aws/permissions-boundary",schemaPath:"#/$defs/policyArn/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data11["allowed-policies"] !== undefined){
let data15 = data11["allowed-policies"];
if(Array.isArray(data15)){
if(data15.length < 1){
const err39 = {instancePath:instancePath+"/aws/allowed-policies",schemaPath:"#/properties/aws/properties/allowed-policies/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
const len2 = data15.length;
for(let i4=0; i4<len2; i4++){
let data16 = data15[i4];
if(typeof data16 === "string"){
if(func1(data16) > 2048){
const err40 = {instancePath:instancePath+"/aws/allowed-policies/" + i4,schemaPath:"#/$defs/policyArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(!pattern10.test(data16)){
const err41 = {instancePath:instancePath+"/aws/allowed-policies/" + i4,schemaPath:"#/$defs/policyArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"},message:"must match pattern \""+"^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/aws/allowed-policies/" + i4,schemaPath:"#/$defs/policyArn/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
let i5 = data15.length;
let j2;
if(i5 > 1){
outer2:
for(;i5--;){
for(j2 = i5; j2--;){
if(func0(data15[i5], data15[j2])){
const err43 = {instancePath:instancePath+"/aws/allowed-policies",schemaPath:"#/properties/aws/properties/allowed-policies/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i5+" are identical)"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
break outer2;
}
}
}
}
}
else {
const err44 = {instancePath:instancePath+"/aws/allowed-policies",schemaPath:"#/properties/aws/properties/allowed-policies/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data11["identity-center"] !== undefined){
if(!(validate26(data11["identity-center"], {instancePath:instancePath+"/aws/identity-center",parentData:data11,parentDataProperty:"identity-center",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err45 = {instancePath:instancePath+"/aws",schemaPath:"#/properties/aws/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data.slack !== undefined){
let data18 = data.slack;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
if(data18["announce-channel"] === undefined){
const err46 = {instancePath:instancePath+"/slack",schemaPath:"#/properties/slack/required",keyword:"required",params:{missingProperty: "announce-channel"},message:"must have required property '"+"announce-channel"+"'"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(data18["alerts-channel"] === undefined){
const err47 = {instancePath:instancePath+"/slack",schemaPath:"#/properties/slack/required",keyword:"required",params:{missingProperty: "alerts-channel"},message:"must have required property '"+"alerts-channel"+"'"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
for(const key3 in data18){
if(!((key3 === "announce-channel") || (key3 === "alerts-channel"))){
const err48 = {instancePath:instancePath+"/slack",schemaPath:"#/properties/slack/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data18["announce-channel"] !== undefined){
let data19 = data18["announce-channel"];
if(typeof data19 === "string"){
if(func1(data19) > 81){
const err49 = {instancePath:instancePath+"/slack/announce-channel",schemaPath:"#/$defs/channel/maxLength",keyword:"maxLength",params:{limit: 81},message:"must NOT have more than 81 characters"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(!pattern14.test(data19)){
const err50 = {instancePath:instancePath+"/slack/announce-channel",schemaPath:"#/$defs/channel/pattern",keyword:"pattern",params:{pattern: "^#[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^#[a-z0-9][a-z0-9_-]*$"+"\""};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
else {
const err51 = {instancePath:instancePath+"/slack/announce-channel",schemaPath:"#/$defs/channel/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data18["alerts-channel"] !== undefined){
let data20 = data18["alerts-channel"];
if(typeof data20 === "string"){
if(func1(data20) > 81){
const err52 = {instancePath:instancePath+"/slack/alerts-channel",schemaPath:"#/$defs/channel/maxLength",keyword:"maxLength",params:{limit: 81},message:"must NOT have more than 81 characters"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(!pattern14.test(data20)){
const err53 = {instancePath:instancePath+"/slack/alerts-channel",schemaPath:"#/$defs/channel/pattern",keyword:"pattern",params:{pattern: "^#[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^#[a-z0-9][a-z0-9_-]*$"+"\""};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
else {
const err54 = {instancePath:instancePath+"/slack/alerts-channel",schemaPath:"#/$defs/channel/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/slack",schemaPath:"#/properties/slack/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.guard !== undefined){
let data21 = data.guard;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
for(const key4 in data21){
if(!((key4 === "max-removals") || (key4 === "max-share"))){
const err56 = {instancePath:instancePath+"/guard",schemaPath:"#/properties/guard/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data21["max-removals"] !== undefined){
let data22 = data21["max-removals"];
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err57 = {instancePath:instancePath+"/guard/max-removals",schemaPath:"#/properties/guard/properties/max-removals/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 > 100000 || isNaN(data22)){
const err58 = {instancePath:instancePath+"/guard/max-removals",schemaPath:"#/properties/guard/properties/max-removals/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if(data22 < 0 || isNaN(data22)){
const err59 = {instancePath:instancePath+"/guard/max-removals",schemaPath:"#/properties/guard/properties/max-removals/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
}
if(data21["max-share"] !== undefined){
let data23 = data21["max-share"];
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 > 100 || isNaN(data23)){
const err60 = {instancePath:instancePath+"/guard/max-share",schemaPath:"#/properties/guard/properties/max-share/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(data23 < 0 || isNaN(data23)){
const err61 = {instancePath:instancePath+"/guard/max-share",schemaPath:"#/properties/guard/properties/max-share/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/guard/max-share",schemaPath:"#/properties/guard/properties/max-share/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
}
else {
const err63 = {instancePath:instancePath+"/guard",schemaPath:"#/properties/guard/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data.events !== undefined){
let data24 = data.events;
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
for(const key5 in data24){
if(!(key5 === "max-age")){
const err64 = {instancePath:instancePath+"/events",schemaPath:"#/properties/events/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data24["max-age"] !== undefined){
let data25 = data24["max-age"];
if(typeof data25 === "string"){
if(!pattern31.test(data25)){
const err65 = {instancePath:instancePath+"/events/max-age",schemaPath:"#/properties/events/properties/max-age/pattern",keyword:"pattern",params:{pattern: "^(?:[1-9][0-9]{0,3}m|(?:[1-9]|[1-9][0-9]|1[0-5][0-9]|16[0-8])h|[1-7]d)$"},message:"must match pattern \""+"^(?:[1-9][0-9]{0,3}m|(?:[1-9]|[1-9][0-9]|1[0-5][0-9]|16[0-8])h|[1-7]d)$"+"\""};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/events/max-age",schemaPath:"#/properties/events/properties/max-age/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
}
else {
const err67 = {instancePath:instancePath+"/events",schemaPath:"#/properties/events/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data.dates !== undefined){
let data26 = data.dates;
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
for(const key6 in data26){
if(!(((key6 === "time-zone") || (key6 === "joiner")) || (key6 === "leaver"))){
const err68 = {instancePath:instancePath+"/dates",schemaPath:"#/properties/dates/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data26["time-zone"] !== undefined){
let data27 = data26["time-zone"];
if(typeof data27 === "string"){
if(!pattern32.test(data27)){
const err69 = {instancePath:instancePath+"/dates/time-zone",schemaPath:"#/properties/dates/properties/time-zone/pattern",keyword:"pattern",params:{pattern: "^(?:UTC|[A-Za-z]+(?:/[A-Za-z0-9_+-]+){1,2})$"},message:"must match pattern \""+"^(?:UTC|[A-Za-z]+(?:/[A-Za-z0-9_+-]+){1,2})$"+"\""};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
else {
const err70 = {instancePath:instancePath+"/dates/time-zone",schemaPath:"#/properties/dates/properties/time-zone/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data26.joiner !== undefined){
let data28 = data26.joiner;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
for(const key7 in data28){
if(!(((key7 === "github-days-before") || (key7 === "aws-days-before")) || (key7 === "welcome-days-before"))){
const err71 = {instancePath:instancePath+"/dates/joiner",schemaPath:"#/properties/dates/properties/joiner/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data28["github-days-before"] !== undefined){
let data29 = data28["github-days-before"];
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err72 = {instancePath:instancePath+"/dates/joiner/github-days-before",schemaPath:"#/properties/dates/properties/joiner/properties/github-days-before/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 > 60 || isNaN(data29)){
const err73 = {instancePath:instancePath+"/dates/joiner/github-days-before",schemaPath:"#/properties/dates/properties/joiner/properties/github-days-before/maximum",keyword:"maximum",params:{comparison: "<=", limit: 60},message:"must be <= 60"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if(data29 < 0 || isNaN(data29)){
const err74 = {instancePath:instancePath+"/dates/joiner/github-days-before",schemaPath:"#/properties/dates/properties/joiner/properties/github-days-before/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
if(data28["aws-days-before"] !== undefined){
let data30 = data28["aws-days-before"];
if(!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))){
const err75 = {instancePath:instancePath+"/dates/joiner/aws-days-before",schemaPath:"#/properties/dates/properties/joiner/properties/aws-days-before/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 > 60 || isNaN(data30)){
const err76 = {instancePath:instancePath+"/dates/joiner/aws-days-before",schemaPath:"#/properties/dates/properties/joiner/properties/aws-days-before/maximum",keyword:"maximum",params:{comparison: "<=", limit: 60},message:"must be <= 60"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if(data30 < 0 || isNaN(data30)){
const err77 = {instancePath:instancePath+"/dates/joiner/aws-days-before",schemaPath:"#/properties/dates/properties/joiner/properties/aws-days-before/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
}
if(data28["welcome-days-before"] !== undefined){
let data31 = data28["welcome-days-before"];
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err78 = {instancePath:instancePath+"/dates/joiner/welcome-days-before",schemaPath:"#/properties/dates/properties/joiner/properties/welcome-days-before/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 > 60 || isNaN(data31)){
const err79 = {instancePath:instancePath+"/dates/joiner/welcome-days-before",schemaPath:"#/properties/dates/properties/joiner/properties/welcome-days-before/maximum",keyword:"maximum",params:{comparison: "<=", limit: 60},message:"must be <= 60"};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if(data31 < 0 || isNaN(data31)){
const err80 = {instancePath:instancePath+"/dates/joiner/welcome-days-before",schemaPath:"#/properties/dates/properties/joiner/properties/welcome-days-before/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
}
else {
const err81 = {instancePath:instancePath+"/dates/joiner",schemaPath:"#/properties/dates/properties/joiner/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data26.leaver !== undefined){
let data32 = data26.leaver;
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
for(const key8 in data32){
if(!((key8 === "deactivate-after-days") || (key8 === "delete-after-days"))){
const err82 = {instancePath:instancePath+"/dates/leaver",schemaPath:"#/properties/dates/properties/leaver/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
if(data32["deactivate-after-days"] !== undefined){
let data33 = data32["deactivate-after-days"];
if(!(((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33))) && (isFinite(data33)))){
const err83 = {instancePath:instancePath+"/dates/leaver/deactivate-after-days",schemaPath:"#/properties/dates/properties/leaver/properties/deactivate-after-days/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
if((typeof data33 == "number") && (isFinite(data33))){
if(data33 > 3650 || isNaN(data33)){
const err84 = {instancePath:instancePath+"/dates/leaver/deactivate-after-days",schemaPath:"#/properties/dates/properties/leaver/properties/deactivate-after-days/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3650},message:"must be <= 3650"};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
if(data33 < 1 || isNaN(data33)){
const err85 = {instancePath:instancePath+"/dates/leaver/deactivate-after-days",schemaPath:"#/properties/dates/properties/leaver/properties/deactivate-after-days/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
}
if(data32["delete-after-days"] !== undefined){
let data34 = data32["delete-after-days"];
if(!(((typeof data34 == "number") && (!(data34 % 1) && !isNaN(data34))) && (isFinite(data34)))){
const err86 = {instancePath:instancePath+"/dates/leaver/delete-after-days",schemaPath:"#/properties/dates/properties/leaver/properties/delete-after-days/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
if((typeof data34 == "number") && (isFinite(data34))){
if(data34 > 3650 || isNaN(data34)){
const err87 = {instancePath:instancePath+"/dates/leaver/delete-after-days",schemaPath:"#/properties/dates/properties/leaver/properties/delete-after-days/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3650},message:"must be <= 3650"};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if(data34 < 1 || isNaN(data34)){
const err88 = {instancePath:instancePath+"/dates/leaver/delete-after-days",schemaPath:"#/properties/dates/properties/leaver/properties/delete-after-days/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
}
}
else {
const err89 = {instancePath:instancePath+"/dates/leaver",schemaPath:"#/properties/dates/properties/leaver/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
}
else {
const err90 = {instancePath:instancePath+"/dates",schemaPath:"#/properties/dates/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(data.grants !== undefined){
let data35 = data.grants;
if(data35 && typeof data35 == "object" && !Array.isArray(data35)){
for(const key9 in data35){
if(!((key9 === "max-days") || (key9 === "allowed"))){
const err91 = {instancePath:instancePath+"/grants",schemaPath:"#/properties/grants/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data35["max-days"] !== undefined){
let data36 = data35["max-days"];
if(!(((typeof data36 == "number") && (!(data36 % 1) && !isNaN(data36))) && (isFinite(data36)))){
const err92 = {instancePath:instancePath+"/grants/max-days",schemaPath:"#/properties/grants/properties/max-days/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
if((typeof data36 == "number") && (isFinite(data36))){
if(data36 > 365 || isNaN(data36)){
const err93 = {instancePath:instancePath+"/grants/max-days",schemaPath:"#/properties/grants/properties/max-days/maximum",keyword:"maximum",params:{comparison: "<=", limit: 365},message:"must be <= 365"};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
if(data36 < 1 || isNaN(data36)){
const err94 = {instancePath:instancePath+"/grants/max-days",schemaPath:"#/properties/grants/properties/max-days/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
}
if(data35.allowed !== undefined){
let data37 = data35.allowed;
if(data37 && typeof data37 == "object" && !Array.isArray(data37)){
for(const key10 in data37){
if(!(((((key10 === "identity-groups") || (key10 === "github-teams")) || (key10 === "aws-policies")) || (key10 === "aws-groups")) || (key10 === "slack-channels"))){
const err95 = {instancePath:instancePath+"/grants/allowed",schemaPath:"#/properties/grants/properties/allowed/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data37["identity-groups"] !== undefined){
let data38 = data37["identity-groups"];
if(Array.isArray(data38)){
if(data38.length > 500){
const err96 = {instancePath:instancePath+"/grants/allowed/identity-groups",schemaPath:"#/properties/grants/properties/allowed/properties/identity-groups/maxItems",keyword:"maxItems",params:{limit: 500},message:"must NOT have more than 500 items"};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
const len3 = data38.length;
for(let i6=0; i6<len3; i6++){
let data39 = data38[i6];
if(typeof data39 === "string"){
if(func1(data39) > 2048){
const err97 = {instancePath:instancePath+"/grants/allowed/identity-groups/" + i6,schemaPath:"#/properties/grants/properties/allowed/properties/identity-groups/items/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if(func1(data39) < 1){
const err98 = {instancePath:instancePath+"/grants/allowed/identity-groups/" + i6,schemaPath:"#/properties/grants/properties/allowed/properties/identity-groups/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
else {
const err99 = {instancePath:instancePath+"/grants/allowed/identity-groups/" + i6,schemaPath:"#/properties/grants/properties/allowed/properties/identity-groups/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
let i7 = data38.length;
let j3;
if(i7 > 1){
const indices0 = {};
for(;i7--;){
let item0 = data38[i7];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j3 = indices0[item0];
const err100 = {instancePath:instancePath+"/grants/allowed/identity-groups",schemaPath:"#/properties/grants/properties/allowed/properties/identity-groups/uniqueItems",keyword:"uniqueItems",params:{i: i7, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i7+" are identical)"};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
break;
}
indices0[item0] = i7;
}
}
}
else {
const err101 = {instancePath:instancePath+"/grants/allowed/identity-groups",schemaPath:"#/properties/grants/properties/allowed/properties/identity-groups/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
if(data37["github-teams"] !== undefined){
let data40 = data37["github-teams"];
if(Array.isArray(data40)){
if(data40.length > 500){
const err102 = {instancePath:instancePath+"/grants/allowed/github-teams",schemaPath:"#/properties/grants/properties/allowed/properties/github-teams/maxItems",keyword:"maxItems",params:{limit: 500},message:"must NOT have more than 500 items"};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
const len4 = data40.length;
for(let i8=0; i8<len4; i8++){
let data41 = data40[i8];
if(typeof data41 === "string"){
if(func1(data41) > 2048){
const err103 = {instancePath:instancePath+"/grants/allowed/github-teams/" + i8,schemaPath:"#/properties/grants/properties/allowed/properties/github-teams/items/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
if(func1(data41) < 1){
const err104 = {instancePath:instancePath+"/grants/allowed/github-teams/" + i8,schemaPath:"#/properties/grants/properties/allowed/properties/github-teams/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
else {
const err105 = {instancePath:instancePath+"/grants/allowed/github-teams/" + i8,schemaPath:"#/properties/grants/properties/allowed/properties/github-teams/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
let i9 = data40.length;
let j4;
if(i9 > 1){
const indices1 = {};
for(;i9--;){
let item1 = data40[i9];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j4 = indices1[item1];
const err106 = {instancePath:instancePath+"/grants/allowed/github-teams",schemaPath:"#/properties/grants/properties/allowed/properties/github-teams/uniqueItems",keyword:"uniqueItems",params:{i: i9, j: j4},message:"must NOT have duplicate items (items ## "+j4+" and "+i9+" are identical)"};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
break;
}
indices1[item1] = i9;
}
}
}
else {
const err107 = {instancePath:instancePath+"/grants/allowed/github-teams",schemaPath:"#/properties/grants/properties/allowed/properties/github-teams/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
if(data37["aws-policies"] !== undefined){
let data42 = data37["aws-policies"];
if(Array.isArray(data42)){
if(data42.length > 500){
const err108 = {instancePath:instancePath+"/grants/allowed/aws-policies",schemaPath:"#/properties/grants/properties/allowed/properties/aws-policies/maxItems",keyword:"maxItems",params:{limit: 500},message:"must NOT have more than 500 items"};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
const len5 = data42.length;
for(let i10=0; i10<len5; i10++){
let data43 = data42[i10];
if(typeof data43 === "string"){
if(func1(data43) > 2048){
const err109 = {instancePath:instancePath+"/grants/allowed/aws-policies/" + i10,schemaPath:"#/properties/grants/properties/allowed/properties/aws-policies/items/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
if(func1(data43) < 1){
const err110 = {instancePath:instancePath+"/grants/allowed/aws-policies/" + i10,schemaPath:"#/properties/grants/properties/allowed/properties/aws-policies/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
else {
const err111 = {instancePath:instancePath+"/grants/allowed/aws-policies/" + i10,schemaPath:"#/properties/grants/properties/allowed/properties/aws-policies/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
let i11 = data42.length;
let j5;
if(i11 > 1){
const indices2 = {};
for(;i11--;){
let item2 = data42[i11];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j5 = indices2[item2];
const err112 = {instancePath:instancePath+"/grants/allowed/aws-policies",schemaPath:"#/properties/grants/properties/allowed/properties/aws-policies/uniqueItems",keyword:"uniqueItems",params:{i: i11, j: j5},message:"must NOT have duplicate items (items ## "+j5+" and "+i11+" are identical)"};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
break;
}
indices2[item2] = i11;
}
}
}
else {
const err113 = {instancePath:instancePath+"/grants/allowed/aws-policies",schemaPath:"#/properties/grants/properties/allowed/properties/aws-policies/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
if(data37["aws-groups"] !== undefined){
let data44 = data37["aws-groups"];
if(Array.isArray(data44)){
if(data44.length > 500){
const err114 = {instancePath:instancePath+"/grants/allowed/aws-groups",schemaPath:"#/properties/grants/properties/allowed/properties/aws-groups/maxItems",keyword:"maxItems",params:{limit: 500},message:"must NOT have more than 500 items"};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
const len6 = data44.length;
for(let i12=0; i12<len6; i12++){
let data45 = data44[i12];
if(typeof data45 === "string"){
if(func1(data45) > 2048){
const err115 = {instancePath:instancePath+"/grants/allowed/aws-groups/" + i12,schemaPath:"#/properties/grants/properties/allowed/properties/aws-groups/items/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
if(func1(data45) < 1){
const err116 = {instancePath:instancePath+"/grants/allowed/aws-groups/" + i12,schemaPath:"#/properties/grants/properties/allowed/properties/aws-groups/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
else {
const err117 = {instancePath:instancePath+"/grants/allowed/aws-groups/" + i12,schemaPath:"#/properties/grants/properties/allowed/properties/aws-groups/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
let i13 = data44.length;
let j6;
if(i13 > 1){
const indices3 = {};
for(;i13--;){
let item3 = data44[i13];
if(typeof item3 !== "string"){
continue;
}
if(typeof indices3[item3] == "number"){
j6 = indices3[item3];
const err118 = {instancePath:instancePath+"/grants/allowed/aws-groups",schemaPath:"#/properties/grants/properties/allowed/properties/aws-groups/uniqueItems",keyword:"uniqueItems",params:{i: i13, j: j6},message:"must NOT have duplicate items (items ## "+j6+" and "+i13+" are identical)"};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
break;
}
indices3[item3] = i13;
}
}
}
else {
const err119 = {instancePath:instancePath+"/grants/allowed/aws-groups",schemaPath:"#/properties/grants/properties/allowed/properties/aws-groups/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
if(data37["slack-channels"] !== undefined){
let data46 = data37["slack-channels"];
if(Array.isArray(data46)){
if(data46.length > 500){
const err120 = {instancePath:instancePath+"/grants/allowed/slack-channels",schemaPath:"#/properties/grants/properties/allowed/properties/slack-channels/maxItems",keyword:"maxItems",params:{limit: 500},message:"must NOT have more than 500 items"};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
const len7 = data46.length;
for(let i14=0; i14<len7; i14++){
let data47 = data46[i14];
if(typeof data47 === "string"){
if(func1(data47) > 2048){
const err121 = {instancePath:instancePath+"/grants/allowed/slack-channels/" + i14,schemaPath:"#/properties/grants/properties/allowed/properties/slack-channels/items/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
if(func1(data47) < 1){
const err122 = {instancePath:instancePath+"/grants/allowed/slack-channels/" + i14,schemaPath:"#/properties/grants/properties/allowed/properties/slack-channels/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
else {
const err123 = {instancePath:instancePath+"/grants/allowed/slack-channels/" + i14,schemaPath:"#/properties/grants/properties/allowed/properties/slack-channels/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
let i15 = data46.length;
let j7;
if(i15 > 1){
const indices4 = {};
for(;i15--;){
let item4 = data46[i15];
if(typeof item4 !== "string"){
continue;
}
if(typeof indices4[item4] == "number"){
j7 = indices4[item4];
const err124 = {instancePath:instancePath+"/grants/allowed/slack-channels",schemaPath:"#/properties/grants/properties/allowed/properties/slack-channels/uniqueItems",keyword:"uniqueItems",params:{i: i15, j: j7},message:"must NOT have duplicate items (items ## "+j7+" and "+i15+" are identical)"};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
break;
}
indices4[item4] = i15;
}
}
}
else {
const err125 = {instancePath:instancePath+"/grants/allowed/slack-channels",schemaPath:"#/properties/grants/properties/allowed/properties/slack-channels/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
}
else {
const err126 = {instancePath:instancePath+"/grants/allowed",schemaPath:"#/properties/grants/properties/allowed/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
}
else {
const err127 = {instancePath:instancePath+"/grants",schemaPath:"#/properties/grants/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
}
else {
const err128 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const validateGrants = validate28;
const schema60 = {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"onramp time-bound grants (.github/access/grants.yaml)","type":"object","additionalProperties":false,"required":["version","grants"],"properties":{"version":{"const":1,"title":"schema version","description":"must be 1"},"grants":{"type":"array","title":"grants","description":"each a person's extra access until a time, from guardrails grants.allowed","maxItems":1000,"items":{"type":"object","additionalProperties":false,"required":["id","employee_id","items","until","reason"],"properties":{"id":{"type":"string","title":"grant id","description":"lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters; unique in the file, never reused","maxLength":64,"pattern":"^[a-z0-9][a-z0-9._-]*$"},"employee_id":{"type":"string","title":"employee id","description":"1-64 of A-Z a-z 0-9 . _ - with at least one letter or digit","maxLength":64,"pattern":"^(?=[._-]*[A-Za-z0-9])[A-Za-z0-9._-]{1,64}$"},"items":{"type":"object","additionalProperties":false,"minProperties":1,"description":"what the grant gives, by the keys of guardrails grants.allowed","properties":{"identity-groups":{"$ref":"#/$defs/names"},"github-teams":{"$ref":"#/$defs/names"},"aws-policies":{"$ref":"#/$defs/names"},"aws-groups":{"$ref":"#/$defs/names"},"slack-channels":{"$ref":"#/$defs/names"}}},"until":{"type":"string","title":"end time","description":"a date (YYYY-MM-DD: 00:00 that day in guardrails dates.time-zone) or a date-time with an offset (2026-12-14T18:00:00Z)","maxLength":40,"pattern":"^\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2}))?$"},"reason":{"type":"string","title":"reason","description":"why the grant is needed, 1-500 characters","minLength":1,"maxLength":500}}}}},"$defs":{"names":{"type":"array","minItems":1,"maxItems":50,"uniqueItems":true,"items":{"type":"string","minLength":1,"maxLength":2048}}}};
const schema61 = {"type":"array","minItems":1,"maxItems":50,"uniqueItems":true,"items":{"type":"string","minLength":1,"maxLength":2048}};
const pattern34 = new RegExp("^(?=[._-]*[A-Za-z0-9])[A-Za-z0-9._-]{1,64}$", "u");
const pattern35 = new RegExp("^\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2}))?$", "u");

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate28.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.grants === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "grants"},message:"must have required property '"+"grants"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "version") || (key0 === "grants"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.version !== undefined){
if(1 !== data.version){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.grants !== undefined){
let data1 = data.grants;
if(Array.isArray(data1)){
if(data1.length > 1000){
const err4 = {instancePath:instancePath+"/grants",schemaPath:"#/properties/grants/maxItems",keyword:"maxItems",params:{limit: 1000},message:"must NOT have more than 1000 items"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.id === undefined){
const err5 = {instancePath:instancePath+"/grants/" + i0,schemaPath:"#/properties/grants/items/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data2.employee_id === undefined){
const err6 = {instancePath:instancePath+"/grants/" + i0,schemaPath:"#/properties/grants/items/required",keyword:"required",params:{missingProperty: "employee_id"},message:"must have required property '"+"employee_id"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data2.items === undefined){
const err7 = {instancePath:instancePath+"/grants/" + i0,schemaPath:"#/properties/grants/items/required",keyword:"required",params:{missingProperty: "items"},message:"must have required property '"+"items"+"'"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data2.until === undefined){
const err8 = {instancePath:instancePath+"/grants/" + i0,schemaPath:"#/properties/grants/items/required",keyword:"required",params:{missingProperty: "until"},message:"must have required property '"+"until"+"'"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data2.reason === undefined){
const err9 = {instancePath:instancePath+"/grants/" + i0,schemaPath:"#/properties/grants/items/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data2){
if(!(((((key1 === "id") || (key1 === "employee_id")) || (key1 === "items")) || (key1 === "until")) || (key1 === "reason"))){
const err10 = {instancePath:instancePath+"/grants/" + i0,schemaPath:"#/properties/grants/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.id !== undefined){
let data3 = data2.id;
if(typeof data3 === "string"){
if(func1(data3) > 64){
const err11 = {instancePath:instancePath+"/grants/" + i0+"/id",schemaPath:"#/properties/grants/items/properties/id/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!pattern7.test(data3)){
const err12 = {instancePath:instancePath+"/grants/" + i0+"/id",schemaPath:"#/properties/grants/items/properties/id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9._-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9._-]*$"+"\""};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/grants/" + i0+"/id",schemaPath:"#/properties/grants/items/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data2.employee_id !== undefined){
let data4 = data2.employee_id;
if(typeof data4 === "string"){
if(func1(data4) > 64){
const err14 = {instancePath:instancePath+"/grants/" + i0+"/employee_id",schemaPath:"#/properties/grants/items/properties/employee_id/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!pattern34.test(data4)){
const err15 = {instancePath:instancePath+"/grants/" + i0+"/employee_id",schemaPath:"#/properties/grants/items/properties/employee_id/pattern",keyword:"pattern",params:{pattern: "^(?=[._-]*[A-Za-z0-9])[A-Za-z0-9._-]{1,64}$"},message:"must match pattern \""+"^(?=[._-]*[A-Za-z0-9])[A-Za-z0-9._-]{1,64}$"+"\""};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/grants/" + i0+"/employee_id",schemaPath:"#/properties/grants/items/properties/employee_id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data2.items !== undefined){
let data5 = data2.items;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(Object.keys(data5).length < 1){
const err17 = {instancePath:instancePath+"/grants/" + i0+"/items",schemaPath:"#/properties/grants/items/properties/items/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key2 in data5){
if(!(((((key2 === "identity-groups") || (key2 === "github-teams")) || (key2 === "aws-policies")) || (key2 === "aws-groups")) || (key2 === "slack-channels"))){
const err18 = {instancePath:instancePath+"/grants/" + i0+"/items",schemaPath:"#/properties/grants/items/properties/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data5["identity-groups"] !== undefined){
let data6 = data5["identity-groups"];
if(Array.isArray(data6)){
if(data6.length > 50){
const err19 = {instancePath:instancePath+"/grants/" + i0+"/items/identity-groups",schemaPath:"#/$defs/names/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data6.length < 1){
const err20 = {instancePath:instancePath+"/grants/" + i0+"/items/identity-groups",schemaPath:"#/$defs/names/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
const len1 = data6.length;
for(let i1=0; i1<len1; i1++){
let data7 = data6[i1];
if(typeof data7 === "string"){
if(func1(data7) > 2048){
const err21 = {instancePath:instancePath+"/grants/" + i0+"/items/identity-groups/" + i1,schemaPath:"#/$defs/names/items/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(func1(data7) < 1){
const err22 = {instancePath:instancePath+"/grants/" + i0+"/items/identity-groups/" + i1,schemaPath:"#/$defs/names/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/grants/" + i0+"/items/identity-groups/" + i1,schemaPath:"#/$defs/names/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
let i2 = data6.length;
let j0;
if(i2 > 1){
const indices0 = {};
for(;i2--;){
let item0 = data6[i2];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err24 = {instancePath:instancePath+"/grants/" + i0+"/items/identity-groups",schemaPath:"#/$defs/names/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
break;
}
indices0[item0] = i2;
}
}
}
else {
const err25 = {instancePath:instancePath+"/grants/" + i0+"/items/identity-groups",schemaPath:"#/$defs/names/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data5["github-teams"] !== undefined){
let data8 = data5["github-teams"];
if(Array.isArray(data8)){
if(data8.length > 50){
const err26 = {instancePath:instancePath+"/grants/" + i0+"/items/github-teams",schemaPath:"#/$defs/names/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data8.length < 1){
const err27 = {instancePath:instancePath+"/grants/" + i0+"/items/github-teams",schemaPath:"#/$defs/names/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
const len2 = data8.length;
for(let i3=0; i3<len2; i3++){
let data9 = data8[i3];
if(typeof data9 === "string"){
if(func1(data9) > 2048){
const err28 = {instancePath:instancePath+"/grants/" + i0+"/items/github-teams/" + i3,schemaPath:"#/$defs/names/items/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(func1(data9) < 1){
const err29 = {instancePath:instancePath+"/grants/" + i0+"/items/github-teams/" + i3,schemaPath:"#/$defs/names/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/grants/" + i0+"/items/github-teams/" + i3,schemaPath:"#/$defs/names/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
let i4 = data8.length;
let j1;
if(i4 > 1){
const indices1 = {};
for(;i4--;){
let item1 = data8[i4];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err31 = {instancePath:instancePath+"/grants/" + i0+"/items/github-teams",schemaPath:"#/$defs/names/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i4+" are identical)"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
break;
}
indices1[item1] = i4;
}
}
}
else {
const err32 = {instancePath:instancePath+"/grants/" + i0+"/items/github-teams",schemaPath:"#/$defs/names/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data5["aws-policies"] !== undefined){
let data10 = data5["aws-policies"];
if(Array.isArray(data10)){
if(data10.length > 50){
const err33 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-policies",schemaPath:"#/$defs/names/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(data10.length < 1){
const err34 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-policies",schemaPath:"#/$defs/names/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
const len3 = data10.length;
for(let i5=0; i5<len3; i5++){
let data11 = data10[i5];
if(typeof data11 === "string"){
if(func1(data11) > 2048){
const err35 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-policies/" + i5,schemaPath:"#/$defs/names/items/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(func1(data11) < 1){
const err36 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-policies/" + i5,schemaPath:"#/$defs/names/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-policies/" + i5,schemaPath:"#/$defs/names/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
let i6 = data10.length;
let j2;
if(i6 > 1){
const indices2 = {};
for(;i6--;){
let item2 = data10[i6];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j2 = indices2[item2];
const err38 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-policies",schemaPath:"#/$defs/names/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i6+" are identical)"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
break;
}
indices2[item2] = i6;
}
}
}
else {
const err39 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-policies",schemaPath:"#/$defs/names/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data5["aws-groups"] !== undefined){
let data12 = data5["aws-groups"];
if(Array.isArray(data12)){
if(data12.length > 50){
const err40 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-groups",schemaPath:"#/$defs/names/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(data12.length < 1){
const err41 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-groups",schemaPath:"#/$defs/names/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
const len4 = data12.length;
for(let i7=0; i7<len4; i7++){
let data13 = data12[i7];
if(typeof data13 === "string"){
if(func1(data13) > 2048){
const err42 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-groups/" + i7,schemaPath:"#/$defs/names/items/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(func1(data13) < 1){
const err43 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-groups/" + i7,schemaPath:"#/$defs/names/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-groups/" + i7,schemaPath:"#/$defs/names/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
let i8 = data12.length;
let j3;
if(i8 > 1){
const indices3 = {};
for(;i8--;){
let item3 = data12[i8];
if(typeof item3 !== "string"){
continue;
}
if(typeof indices3[item3] == "number"){
j3 = indices3[item3];
const err45 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-groups",schemaPath:"#/$defs/names/uniqueItems",keyword:"uniqueItems",params:{i: i8, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i8+" are identical)"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
break;
}
indices3[item3] = i8;
}
}
}
else {
const err46 = {instancePath:instancePath+"/grants/" + i0+"/items/aws-groups",schemaPath:"#/$defs/names/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data5["slack-channels"] !== undefined){
let data14 = data5["slack-channels"];
if(Array.isArray(data14)){
if(data14.length > 50){
const err47 = {instancePath:instancePath+"/grants/" + i0+"/items/slack-channels",schemaPath:"#/$defs/names/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(data14.length < 1){
const err48 = {instancePath:instancePath+"/grants/" + i0+"/items/slack-channels",schemaPath:"#/$defs/names/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
const len5 = data14.length;
for(let i9=0; i9<len5; i9++){
let data15 = data14[i9];
if(typeof data15 === "string"){
if(func1(data15) > 2048){
const err49 = {instancePath:instancePath+"/grants/" + i0+"/items/slack-channels/" + i9,schemaPath:"#/$defs/names/items/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(func1(data15) < 1){
const err50 = {instancePath:instancePath+"/grants/" + i0+"/items/slack-channels/" + i9,schemaPath:"#/$defs/names/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
else {
const err51 = {instancePath:instancePath+"/grants/" + i0+"/items/slack-channels/" + i9,schemaPath:"#/$defs/names/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
let i10 = data14.length;
let j4;
if(i10 > 1){
const indices4 = {};
for(;i10--;){
let item4 = data14[i10];
if(typeof item4 !== "string"){
continue;
}
if(typeof indices4[item4] == "number"){
j4 = indices4[item4];
const err52 = {instancePath:instancePath+"/grants/" + i0+"/items/slack-channels",schemaPath:"#/$defs/names/uniqueItems",keyword:"uniqueItems",params:{i: i10, j: j4},message:"must NOT have duplicate items (items ## "+j4+" and "+i10+" are identical)"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
break;
}
indices4[item4] = i10;
}
}
}
else {
const err53 = {instancePath:instancePath+"/grants/" + i0+"/items/slack-channels",schemaPath:"#/$defs/names/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
else {
const err54 = {instancePath:instancePath+"/grants/" + i0+"/items",schemaPath:"#/properties/grants/items/properties/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data2.until !== undefined){
let data16 = data2.until;
if(typeof data16 === "string"){
if(func1(data16) > 40){
const err55 = {instancePath:instancePath+"/grants/" + i0+"/until",schemaPath:"#/properties/grants/items/properties/until/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(!pattern35.test(data16)){
const err56 = {instancePath:instancePath+"/grants/" + i0+"/until",schemaPath:"#/properties/grants/items/properties/until/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2}))?$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2}))?$"+"\""};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
else {
const err57 = {instancePath:instancePath+"/grants/" + i0+"/until",schemaPath:"#/properties/grants/items/properties/until/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data2.reason !== undefined){
let data17 = data2.reason;
if(typeof data17 === "string"){
if(func1(data17) > 500){
const err58 = {instancePath:instancePath+"/grants/" + i0+"/reason",schemaPath:"#/properties/grants/items/properties/reason/maxLength",keyword:"maxLength",params:{limit: 500},message:"must NOT have more than 500 characters"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if(func1(data17) < 1){
const err59 = {instancePath:instancePath+"/grants/" + i0+"/reason",schemaPath:"#/properties/grants/items/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
else {
const err60 = {instancePath:instancePath+"/grants/" + i0+"/reason",schemaPath:"#/properties/grants/items/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
}
else {
const err61 = {instancePath:instancePath+"/grants/" + i0,schemaPath:"#/properties/grants/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
}
else {
const err62 = {instancePath:instancePath+"/grants",schemaPath:"#/properties/grants/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
}
else {
const err63 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}
validate28.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schemas = {"roles":{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"onramp role map (.github/access/roles.yaml)","type":"object","additionalProperties":false,"required":["version","roles"],"properties":{"version":{"const":1,"title":"schema version","description":"must be 1"},"roles":{"type":"object","title":"role map","description":"at least one role; keys are lower-case kebab-case role names","minProperties":1,"propertyNames":{"$ref":"#/$defs/roleKey"},"additionalProperties":{"$ref":"#/$defs/role"}}},"$defs":{"roleKey":{"type":"string","title":"role name","description":"lower-case letters and digits in hyphen-separated words, at most 64 characters","maxLength":64,"pattern":"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"},"role":{"type":"object","additionalProperties":false,"required":["description"],"properties":{"description":{"type":"string","title":"description","description":"one line of 1 to 200 characters without control characters","minLength":1,"maxLength":200,"pattern":"^[^\\u0000-\\u001f\\u007f-\\u009f]+$"},"identity":{"type":"object","description":"identity-provider groups the role is a member of","additionalProperties":false,"properties":{"groups":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/idpGroup"}}}},"github":{"type":"object","description":"GitHub organisation teams; membership of the org itself is implied","additionalProperties":false,"properties":{"teams":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/team"}}}},"aws":{"type":"object","description":"AWS access. With guardrails aws.mode identity-center: identity-center only. With IAM users: groups and policies (every policy in guardrails aws.allowed-policies), console","additionalProperties":false,"properties":{"groups":{"type":"array","uniqueItems":true,"maxItems":10,"items":{"$ref":"#/$defs/awsGroup"}},"policies":{"type":"array","uniqueItems":true,"maxItems":20,"items":{"$ref":"#/$defs/policyArn"}},"console":{"type":"boolean","description":"IAM-user mode only: the role's people sign in to the console through the identity provider; onramp never creates an IAM password (default false)"},"identity-center":{"type":"object","additionalProperties":false,"description":"IAM Identity Center access: account and permission set assignments and groups, each in the guardrails' allowlists","properties":{"assignments":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/assignment"}},"groups":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/ssoGroup"}}}}}},"slack":{"type":"object","additionalProperties":false,"properties":{"channels":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/channel"}}}},"setup":{"type":"object","description":"what the new hire's dev-setup script prepares","additionalProperties":false,"properties":{"repos":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/repo"}}}}}},"idpGroup":{"type":"string","title":"identity group name","description":"letters, digits, spaces, '.', '_' or '-', starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._-]*[A-Za-z0-9])?$"},"teamSlug":{"type":"string","title":"GitHub team slug","description":"lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100 characters","maxLength":100,"pattern":"^[a-z0-9][a-z0-9._-]*$"},"team":{"oneOf":[{"$ref":"#/$defs/teamSlug"},{"type":"object","additionalProperties":false,"required":["slug"],"properties":{"slug":{"$ref":"#/$defs/teamSlug"},"role":{"enum":["member","maintainer"],"title":"team role","description":"member or maintainer (default member)"}}}]},"awsGroup":{"type":"string","title":"IAM group name","description":"letters, digits and +=,.@_- only, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9+=,.@_-]+$"},"policyArn":{"type":"string","title":"IAM managed policy ARN","description":"arn:aws:iam::aws:policy/NAME or arn:aws:iam::<12-digit account>:policy/PATH/NAME","maxLength":2048,"pattern":"^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"},"channel":{"type":"string","title":"Slack channel","description":"'#' then lower-case letters, digits, '_' or '-', at most 80 characters after the '#'","maxLength":81,"pattern":"^#[a-z0-9][a-z0-9_-]*$"},"repo":{"type":"string","title":"repository","description":"owner/name: owner of letters, digits and single hyphens (at most 39), name of letters, digits, '.', '_' or '-' (at most 100, not '.' or '..')","maxLength":140,"pattern":"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$"},"assignment":{"type":"object","additionalProperties":false,"required":["account","permission-set"],"properties":{"account":{"type":"string","title":"AWS account id","description":"12 digits","pattern":"^[0-9]{12}$"},"permission-set":{"type":"string","title":"permission set ARN","description":"arn:aws:sso:::permissionSet/ssoins-<16 characters>/ps-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"}}},"ssoGroup":{"type":"string","title":"Identity Center group name","description":"letters, digits, spaces and ._@+-, starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"}}},"guardrails":{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"onramp guardrails (.github/access/guardrails.yaml)","type":"object","additionalProperties":false,"required":["version","email-domains"],"properties":{"version":{"const":1,"title":"schema version","description":"must be 1"},"email-domains":{"type":"array","description":"the only domains a person's email may be in (exact match, ASCII/IDNA form)","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/domain"}},"github":{"type":"object","additionalProperties":false,"required":["org"],"properties":{"org":{"$ref":"#/$defs/login"},"protected-logins":{"type":"array","description":"accounts onramp never removes or changes (owners, break-glass, bots)","uniqueItems":true,"items":{"$ref":"#/$defs/login"},"default":[]},"max-invitation-resends":{"type":"integer","title":"max-invitation-resends","description":"an integer from 0 to 10 (default 3)","minimum":0,"maximum":10,"default":3},"invitation-deadline-days":{"type":"integer","title":"invitation-deadline-days","description":"an integer from 1 to 365 (default 14): days after the HR event an invitation still unaccepted is reported overdue","minimum":1,"maximum":365,"default":14},"invitation-cap":{"enum":[50,500],"title":"invitation-cap","description":"organisation invitations per 24 hours: 50 for a new org, 500 otherwise (default 50)","default":50},"max-removals":{"type":"integer","title":"max-removals","description":"an integer from 0 to 1000: most removals one run may make before it aborts (default 10)","minimum":0,"maximum":1000,"default":10}}},"aws":{"type":"object","additionalProperties":false,"properties":{"mode":{"enum":["identity-center","iam-users"],"title":"aws.mode","description":"identity-center or iam-users (default iam-users)"},"user-path":{"type":"string","title":"IAM path","description":"begins and ends with '/', segments of letters, digits and +=,.@_-, at most 512 characters","maxLength":512,"pattern":"^/(?:[A-Za-z0-9+=,.@_-]+/)*$"},"permissions-boundary":{"$ref":"#/$defs/policyArn"},"allowed-policies":{"type":"array","description":"every policy a role may attach","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/policyArn"}},"identity-center":{"$ref":"#/$defs/identityCenter"}},"description":"AWS access: IAM Identity Center permission sets and groups (mode identity-center, recommended), or IAM users (mode iam-users, the default when mode is absent)"},"slack":{"type":"object","additionalProperties":false,"required":["announce-channel","alerts-channel"],"properties":{"announce-channel":{"$ref":"#/$defs/channel"},"alerts-channel":{"$ref":"#/$defs/channel"}}},"guard":{"type":"object","additionalProperties":false,"description":"the mass-change guard over every system, evaluated on the access plan before any change","properties":{"max-removals":{"type":"integer","title":"guard.max-removals","description":"an integer from 0 to 100000: most item removals one run may make over all systems (default 100)","minimum":0,"maximum":100000,"default":100},"max-share":{"type":"number","title":"guard.max-share","description":"a percentage from 0 to 100: most of the managed people one run may take anything away from (default 25)","minimum":0,"maximum":100,"default":25}}},"events":{"type":"object","additionalProperties":false,"properties":{"max-age":{"type":"string","title":"events.max-age","description":"how long a signed HR event stays valid after it was signed: 1-9999m, 1-168h or 1-7d (default 24h)","pattern":"^(?:[1-9][0-9]{0,3}m|(?:[1-9]|[1-9][0-9]|1[0-5][0-9]|16[0-8])h|[1-7]d)$","default":"24h"}}},"dates":{"type":"object","additionalProperties":false,"description":"when dated HR events take effect: a joiner's start date and a leaver's last day, in the organization's time zone","properties":{"time-zone":{"type":"string","title":"dates.time-zone","description":"an IANA time zone name such as Europe/Berlin or America/Los_Angeles: the zone start dates and last days are read in (default UTC)","pattern":"^(?:UTC|[A-Za-z]+(?:/[A-Za-z0-9_+-]+){1,2})$","default":"UTC"},"joiner":{"type":"object","additionalProperties":false,"description":"before a start date: the identity provider account exists STAGED; these say how early the rest happens","properties":{"github-days-before":{"type":"integer","title":"dates.joiner.github-days-before","description":"an integer from 0 to 60: days before the start date the GitHub invitation goes out (default 0: on the day)","minimum":0,"maximum":60,"default":0},"aws-days-before":{"type":"integer","title":"dates.joiner.aws-days-before","description":"an integer from 0 to 60: days before the start date AWS access is granted (default 0: on the day)","minimum":0,"maximum":60,"default":0},"welcome-days-before":{"type":"integer","title":"dates.joiner.welcome-days-before","description":"an integer from 0 to 60: days before the start date the welcome email goes to the personal email and the manager hears what is ready (default 3)","minimum":0,"maximum":60,"default":3}}},"leaver":{"type":"object","additionalProperties":false,"description":"after a last day: access ends at the end of that day; these schedule what follows","properties":{"deactivate-after-days":{"type":"integer","title":"dates.leaver.deactivate-after-days","description":"an integer from 1 to 3650: days after access ended that the identity provider user (suspended then) is deactivated; absent: never by date","minimum":1,"maximum":3650},"delete-after-days":{"type":"integer","title":"dates.leaver.delete-after-days","description":"an integer from 1 to 3650: days after access ended that the IAM user (or the Identity Store user onramp created) is deleted; absent: never by date","minimum":1,"maximum":3650}}}}},"grants":{"type":"object","additionalProperties":false,"description":"time-bound grants: extra access for one person for a limited time, from this allowlist only","properties":{"max-days":{"type":"integer","title":"grants.max-days","description":"an integer from 1 to 365: the longest a time-bound grant may last (default 30)","minimum":1,"maximum":365,"default":30},"allowed":{"type":"object","additionalProperties":false,"description":"what a time-bound grant may give","properties":{"identity-groups":{"type":"array","title":"grants.allowed.identity-groups","description":"identity provider group names a grant may add","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"github-teams":{"type":"array","title":"grants.allowed.github-teams","description":"GitHub team slugs a grant may add (as member)","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"aws-policies":{"type":"array","title":"grants.allowed.aws-policies","description":"IAM policy ARNs a grant may attach (each also in aws.allowed-policies)","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"aws-groups":{"type":"array","title":"grants.allowed.aws-groups","description":"IAM group names a grant may add","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"slack-channels":{"type":"array","title":"grants.allowed.slack-channels","description":"Slack channels a grant may add","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}}}}}}},"$defs":{"domain":{"type":"string","title":"email domain","description":"a lower-case ASCII (IDNA) domain name with at least two labels","maxLength":253,"pattern":"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$"},"login":{"type":"string","title":"GitHub login","description":"letters, digits and single hyphens, not starting or ending with a hyphen, at most 39 characters","maxLength":39,"pattern":"^[A-Za-z0-9](?:-?[A-Za-z0-9])*$"},"policyArn":{"type":"string","title":"IAM managed policy ARN","description":"arn:aws:iam::aws:policy/NAME or arn:aws:iam::<12-digit account>:policy/PATH/NAME","maxLength":2048,"pattern":"^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"},"channel":{"type":"string","title":"Slack channel","description":"'#' then lower-case letters, digits, '_' or '-', at most 80 characters after the '#'","maxLength":81,"pattern":"^#[a-z0-9][a-z0-9_-]*$"},"identityCenter":{"type":"object","additionalProperties":false,"description":"the IAM Identity Center instance onramp manages access in, and its allowlists","required":["instance-arn","identity-store-id","region","start-url","accounts","permission-sets"],"properties":{"instance-arn":{"$ref":"#/$defs/instanceArn"},"identity-store-id":{"$ref":"#/$defs/identityStoreId"},"region":{"$ref":"#/$defs/awsRegion"},"start-url":{"$ref":"#/$defs/startUrl"},"users":{"enum":["idp","onramp"],"title":"users","description":"idp: the identity provider provisions users by SCIM and onramp finds them; onramp: onramp creates them (default idp)","default":"idp"},"on-offboard":{"enum":["keep","delete"],"title":"on-offboard","description":"keep or delete the Identity Store user of a leaver once its access is gone; only a user onramp created is deleted (default keep)","default":"keep"},"accounts":{"type":"array","description":"the AWS accounts roles may assign permission sets in","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/accountId"}},"permission-sets":{"type":"array","description":"the permission sets roles may assign, by ARN","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/permissionSetArn"}},"groups":{"type":"array","description":"Identity Center groups roles may make people members of, by display name","uniqueItems":true,"items":{"$ref":"#/$defs/ssoGroup"},"default":[]}}},"accountId":{"type":"string","title":"AWS account id","description":"12 digits","pattern":"^[0-9]{12}$"},"permissionSetArn":{"type":"string","title":"permission set ARN","description":"arn:aws:sso:::permissionSet/ssoins-<16 characters>/ps-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"},"ssoGroup":{"type":"string","title":"Identity Center group name","description":"letters, digits, spaces and ._@+-, starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"},"instanceArn":{"type":"string","title":"Identity Center instance ARN","description":"arn:aws:sso:::instance/ssoins-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::instance/(?:sso)?ins-[a-zA-Z0-9-.]{16}$"},"identityStoreId":{"type":"string","title":"identity store id","description":"d- and 10 hexadecimal digits, or a UUID","maxLength":36,"pattern":"^(?:d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"},"awsRegion":{"type":"string","title":"AWS region","description":"the Identity Center instance's region, such as us-east-1","maxLength":32,"pattern":"^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}$"},"startUrl":{"type":"string","title":"AWS access portal URL","description":"https:// and a host name, with an optional path (the access portal's start URL)","maxLength":512,"pattern":"^https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?:/[A-Za-z0-9._~-]+)*/?$"}}},"grants":{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"onramp time-bound grants (.github/access/grants.yaml)","type":"object","additionalProperties":false,"required":["version","grants"],"properties":{"version":{"const":1,"title":"schema version","description":"must be 1"},"grants":{"type":"array","title":"grants","description":"each a person's extra access until a time, from guardrails grants.allowed","maxItems":1000,"items":{"type":"object","additionalProperties":false,"required":["id","employee_id","items","until","reason"],"properties":{"id":{"type":"string","title":"grant id","description":"lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters; unique in the file, never reused","maxLength":64,"pattern":"^[a-z0-9][a-z0-9._-]*$"},"employee_id":{"type":"string","title":"employee id","description":"1-64 of A-Z a-z 0-9 . _ - with at least one letter or digit","maxLength":64,"pattern":"^(?=[._-]*[A-Za-z0-9])[A-Za-z0-9._-]{1,64}$"},"items":{"type":"object","additionalProperties":false,"minProperties":1,"description":"what the grant gives, by the keys of guardrails grants.allowed","properties":{"identity-groups":{"$ref":"#/$defs/names"},"github-teams":{"$ref":"#/$defs/names"},"aws-policies":{"$ref":"#/$defs/names"},"aws-groups":{"$ref":"#/$defs/names"},"slack-channels":{"$ref":"#/$defs/names"}}},"until":{"type":"string","title":"end time","description":"a date (YYYY-MM-DD: 00:00 that day in guardrails dates.time-zone) or a date-time with an offset (2026-12-14T18:00:00Z)","maxLength":40,"pattern":"^\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2}))?$"},"reason":{"type":"string","title":"reason","description":"why the grant is needed, 1-500 characters","minLength":1,"maxLength":500}}}}},"$defs":{"names":{"type":"array","minItems":1,"maxItems":50,"uniqueItems":true,"items":{"type":"string","minLength":1,"maxLength":2048}}}}};

;// CONCATENATED MODULE: ../../node_modules/.pnpm/js-yaml@5.5.0/node_modules/js-yaml/dist/js-yaml.mjs
/*! js-yaml 5.5.0 https://github.com/nodeca/js-yaml @license MIT */
//#region src/tag.ts
/**
* Returned by a scalar resolver when the source does not match its tag.
*
* @category Tags
*/
var NOT_RESOLVED = Symbol("NOT_RESOLVED");
/**
* Create a normalized scalar tag definition.
*
* @category Tags
*/
function defineScalarTag(tagName, options) {
	return {
		tagName,
		nodeKind: "scalar",
		implicit: options.implicit ?? false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		implicitFirstChars: options.implicitFirstChars ?? null,
		resolve: options.resolve,
		identify: options.identify,
		represent: options.represent ?? ((data) => String(data)),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized sequence tag definition.
*
* @category Tags
*/
function defineSequenceTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "sequence",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addItem: options.addItem,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized mapping tag definition.
*
* @category Tags
*/
function defineMappingTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "mapping",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addPair: options.addPair,
		has: options.has,
		keys: options.keys,
		get: options.get,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
//#endregion
//#region src/tag/scalar/str.ts
/** @category Tags */
var strTag = defineScalarTag("tag:yaml.org,2002:str", {
	resolve: (source) => source,
	identify: (data) => typeof data === "string"
});
//#endregion
//#region src/tag/scalar/null_core.ts
var NULL_VALUES$1 = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullCoreTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES$1.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_json.ts
/** @category Tags */
var nullJsonTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: ["n"],
	resolve: (source, isExplicit) => {
		if (source === "null" || isExplicit && source === "") return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_yaml11.ts
var NULL_VALUES = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullYaml11Tag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/bool_core.ts
var TRUE_VALUES$2 = [
	"true",
	"True",
	"TRUE"
];
var FALSE_VALUES$2 = [
	"false",
	"False",
	"FALSE"
];
/** @category Tags */
var boolCoreTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"t",
		"T",
		"f",
		"F"
	],
	resolve: (source) => {
		if (TRUE_VALUES$2.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$2.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_json.ts
var TRUE_VALUES$1 = ["true"];
var FALSE_VALUES$1 = ["false"];
/** @category Tags */
var boolJsonTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: ["t", "f"],
	resolve: (source) => {
		if (TRUE_VALUES$1.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$1.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_yaml11.ts
var TRUE_VALUES = [
	"true",
	"True",
	"TRUE",
	"y",
	"Y",
	"yes",
	"Yes",
	"YES",
	"on",
	"On",
	"ON"
];
var FALSE_VALUES = [
	"false",
	"False",
	"FALSE",
	"n",
	"N",
	"no",
	"No",
	"NO",
	"off",
	"Off",
	"OFF"
];
/** @category Tags */
var boolYaml11Tag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"y",
		"Y",
		"n",
		"N",
		"t",
		"T",
		"f",
		"F",
		"o",
		"O"
	],
	resolve: (source) => {
		if (TRUE_VALUES.indexOf(source) !== -1) return true;
		if (FALSE_VALUES.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/int_core.ts
var YAML_INTEGER_IMPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
var YAML_INTEGER_EXPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$2(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$2(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$2(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intCoreTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger$2,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_json.ts
var YAML_INTEGER_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)$");
var YAML_INTEGER_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$1(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$1(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intJsonTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlInteger$1,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_yaml11.ts
var YAML_INTEGER_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?(?:0|[1-9][0-9_]*))$");
function parseYamlInteger(source) {
	let value = source.replace(/_/g, "");
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	if (value.includes(":")) {
		let result = 0;
		for (const part of value.split(":")) result = result * 60 + Number(part);
		return sign * result;
	}
	if (value !== "0" && value[0] === "0") return sign * parseInt(value, 8);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger(source) {
	if (!YAML_INTEGER_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intYaml11Tag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/float_core.ts
var YAML_FLOAT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$2(source) {
	if (!YAML_FLOAT_PATTERN$1.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase();
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	const result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN$1.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$2(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatCoreTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat$2,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$2
});
//#endregion
//#region src/tag/scalar/float_json.ts
var YAML_FLOAT_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$");
var YAML_FLOAT_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_FLOAT_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
		let value = source.toLowerCase();
		const sign = value[0] === "-" ? -1 : 1;
		if ("+-".includes(value[0])) value = value.slice(1);
		if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
		if (value === ".nan") return NaN;
		const result = sign * parseFloat(value);
		return Number.isFinite(result) ? result : NOT_RESOLVED;
	}
	if (!YAML_FLOAT_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = Number(source);
	if (Number.isFinite(result)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$1(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatJsonTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlFloat$1,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$1
});
//#endregion
//#region src/tag/scalar/float_yaml11.ts
var YAML_FLOAT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?(?:(?:[0-9][0-9_]*)?\\.[0-9_]*)(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat(source) {
	if (!YAML_FLOAT_PATTERN.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase().replace(/_/g, "");
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	let result = 0;
	if (value.includes(":")) {
		for (const part of value.split(":")) result = result * 60 + Number(part);
		result *= sign;
	} else result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatYaml11Tag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat
});
//#endregion
//#region src/tag/scalar/merge.ts
/**
* Enables merge keys in {@link CORE_SCHEMA} when added with
* {@link Schema.withTags}.
*
* @category Tags
*/
var mergeTag = defineScalarTag("tag:yaml.org,2002:merge", {
	implicit: true,
	implicitFirstChars: ["<"],
	resolve: (source, isExplicit) => {
		if (source === "<<" || isExplicit && source === "") return "<<";
		return NOT_RESOLVED;
	},
	identify: () => false
});
//#endregion
//#region src/tag/scalar/binary.ts
var BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
function resolveYamlBinary(source) {
	const input = source.replace(/\s/g, "");
	if (input.length % 4 !== 0 || !BASE64_PATTERN.test(input)) return NOT_RESOLVED;
	const binary = atob(input);
	const result = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index++) result[index] = binary.charCodeAt(index);
	return result;
}
function representYamlBinary(object) {
	let binary = "";
	for (let index = 0; index < object.length; index++) binary += String.fromCharCode(object[index]);
	return btoa(binary);
}
/**
* The `!!binary` tag, represented as a `Uint8Array`.
*
* @category Tags
*/
var binaryTag = defineScalarTag("tag:yaml.org,2002:binary", {
	resolve: resolveYamlBinary,
	identify: (object) => Object.prototype.toString.call(object) === "[object Uint8Array]",
	represent: representYamlBinary
});
//#endregion
//#region src/tag/scalar/timestamp.ts
var YAML_DATE_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$");
var YAML_TIMESTAMP_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$");
function makeUtcDate(year, month, day, hour = 0, minute = 0, second = 0, fraction = 0) {
	const date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
	date.setUTCFullYear(year, month, day);
	return date;
}
function resolveYamlTimestamp(source) {
	let match = YAML_DATE_REGEXP.exec(source);
	if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(source);
	if (match === null) return NOT_RESOLVED;
	const year = +match[1];
	const month = +match[2] - 1;
	const day = +match[3];
	if (!match[4]) {
		const date = makeUtcDate(year, month, day);
		if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
		return date;
	}
	const hour = +match[4];
	const minute = +match[5];
	const second = +match[6];
	let fraction = 0;
	if (hour > 23 || minute > 59 || second > 59) return NOT_RESOLVED;
	if (match[7]) {
		let value = match[7].slice(0, 3);
		while (value.length < 3) value += "0";
		fraction = +value;
	}
	const date = makeUtcDate(year, month, day, hour, minute, second, fraction);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
	if (match[9]) {
		const offsetHour = +match[10];
		const offsetMinute = +(match[11] || 0);
		if (offsetHour > 23 || offsetMinute > 59) return NOT_RESOLVED;
		const offset = (offsetHour * 60 + offsetMinute) * 6e4;
		date.setTime(date.getTime() - (match[9] === "-" ? -offset : offset));
	}
	return date;
}
/**
* The YAML 1.1 `!!timestamp` tag, represented as a JavaScript `Date`.
*
* @category Tags
*/
var timestampTag = defineScalarTag("tag:yaml.org,2002:timestamp", {
	implicit: true,
	implicitFirstChars: [..."0123456789"],
	resolve: resolveYamlTimestamp,
	identify: (object) => object instanceof Date,
	represent: (object) => object.toISOString()
});
//#endregion
//#region src/tag/sequence/seq.ts
/** @category Tags */
var seqTag = defineSequenceTag("tag:yaml.org,2002:seq", {
	create: () => [],
	addItem: (container, item) => {
		container.push(item);
	},
	identify: Array.isArray
});
//#endregion
//#region src/common/object.ts
function isPlainObject(data) {
	if (data === null || typeof data !== "object" || Array.isArray(data)) return false;
	const prototype = Object.getPrototypeOf(data);
	return prototype === null || prototype === Object.prototype;
}
function pick(object, keys) {
	const result = {};
	for (const key of keys) if (object[key] !== void 0) result[key] = object[key];
	return result;
}
//#endregion
//#region src/tag/sequence/omap.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!omap
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   { one: 1 },
*   { two: 2 }
* ]
* ```
*
* @category Tags
*/
var omapTag = defineSequenceTag("tag:yaml.org,2002:omap", {
	create: () => ({
		list: [],
		seen: /* @__PURE__ */ new Set()
	}),
	addItem: (carrier, item) => {
		let key;
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve an ordered map item";
			key = item.keys().next().value;
		} else if (isPlainObject(item)) {
			const itemKeys = Object.keys(item);
			if (itemKeys.length !== 1) return "cannot resolve an ordered map item";
			key = itemKeys[0];
		} else return "cannot resolve an ordered map item";
		if (carrier.seen.has(key)) return "duplicate key in ordered map";
		carrier.seen.add(key);
		carrier.list.push(item);
		return "";
	},
	finalize: (carrier) => carrier.list,
	identify: () => false
});
//#endregion
//#region src/tag/sequence/pairs.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!pairs
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   ['one', 1],
*   ['two', 2]
* ]
* ```
*
* @category Tags
*/
var pairsTag = defineSequenceTag("tag:yaml.org,2002:pairs", {
	create: () => [],
	addItem: (container, item) => {
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve a pairs item";
			container.push(item.entries().next().value);
			return "";
		}
		if (Object.prototype.toString.call(item) !== "[object Object]") return "cannot resolve a pairs item";
		const object = item;
		const keys = Object.keys(object);
		if (keys.length !== 1) return "cannot resolve a pairs item";
		container.push([keys[0], object[keys[0]]]);
		return "";
	},
	identify: () => false
});
//#endregion
//#region src/tag/mapping/map.ts
/**
* This is the default mapping implementation. It uses `{}` objects and has only
* partial functionality due to language limitations. This choice was made
* because users expect to get JavaScript objects, and it was left unchanged to
* avoid too many breaking changes in the v5 release.
*
* Side effects:
*
* - `Object.hasOwn()` checks or `for...of` loops are required for safe use (to
*   avoid falling through to prototypes).
* - Only scalar string keys are supported properly.
* - Other scalar keys, such as `null` and numbers, are converted to strings.
*   This is historical behaviour, and it can cause side effects such as
*   problems with `!!merge`.
*
* Note that non-string scalar keys may be deprecated in future versions.
*
* Ideally, use {@link realMapTag} instead.
*
* @category Tags
*/
var mapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		if (key !== null && typeof key === "object") return "object-based map does not support complex keys";
		const normalizedKey = String(key);
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		if (key !== null && typeof key === "object") return false;
		return Object.prototype.hasOwnProperty.call(container, String(key));
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/tag/mapping/set.ts
/**
* The YAML 1.1 `!!set` tag, represented as a JavaScript `Set`.
*
* @category Tags
*/
var setTag = defineMappingTag("tag:yaml.org,2002:set", {
	create: () => /* @__PURE__ */ new Set(),
	identify: (data) => data instanceof Set,
	represent: (data) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of data) map.set(key, null);
		return map;
	},
	addPair: (container, key, value) => {
		if (value !== null) return "cannot resolve a set item";
		container.add(key);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: () => null
});
//#endregion
//#region src/schema.ts
function createTagDefinitionMap() {
	return {
		scalar: Object.create(null),
		sequence: Object.create(null),
		mapping: Object.create(null)
	};
}
function createTagDefinitionListMap() {
	return {
		scalar: [],
		sequence: [],
		mapping: []
	};
}
function compileTags(tags) {
	const result = [];
	for (const tag of tags) {
		let index = result.length;
		for (let previousIndex = 0; previousIndex < result.length; previousIndex++) {
			const previous = result[previousIndex];
			if (previous.nodeKind === tag.nodeKind && previous.tagName === tag.tagName && previous.matchByTagPrefix === tag.matchByTagPrefix) {
				index = previousIndex;
				break;
			}
		}
		result[index] = tag;
	}
	return result;
}
/**
* Controls tag resolution when loading and type selection when dumping.
*
* @category Schemas
*/
var Schema = class Schema {
	tags;
	/** @internal */
	implicitScalarTags;
	/**
	* Dispatch implicit scalar resolvers by `source.charAt(0)`. Each bucket holds
	* the resolvers that may match that key, in schema order; a key absent from
	* the map uses
	* {@link Schema.implicitScalarAnyFirstChar}
	* (resolvers that declared no first-char constraint, so they apply to any
	* first character).
	*/
	implicitScalarByFirstChar;
	implicitScalarAnyFirstChar;
	/**
	* The default scalar tag (`!!str`), resolved once so the composer's fallback
	* for unresolved plain scalars avoids a keyed lookup per scalar.
	*
	* @internal
	*/
	defaultScalarTag;
	/**
	* The default container tags (`!!seq` / `!!map`), used by the dumper: when a
	* value is identified by its default tag, the tag is implicit and not
	* printed. Undefined if the schema does not define them (then such values
	* can't be dumped).
	*
	* @internal
	*/
	defaultSequenceTag;
	/** @internal */
	defaultMappingTag;
	exact;
	prefix;
	constructor(tags) {
		const compiledTags = compileTags(tags);
		const implicitScalarTags = [];
		const exact = createTagDefinitionMap();
		const prefix = createTagDefinitionListMap();
		for (const tag of compiledTags) {
			if (tag.nodeKind === "scalar" && tag.implicit) {
				if (tag.matchByTagPrefix) throw new Error("Implicit scalar tags cannot match by tag prefix");
				implicitScalarTags.push(tag);
			}
			switch (tag.nodeKind) {
				case "scalar":
					if (tag.matchByTagPrefix) prefix.scalar.push(tag);
					else exact.scalar[tag.tagName] = tag;
					break;
				case "sequence":
					if (tag.matchByTagPrefix) prefix.sequence.push(tag);
					else exact.sequence[tag.tagName] = tag;
					break;
				case "mapping": if (tag.matchByTagPrefix) prefix.mapping.push(tag);
				else exact.mapping[tag.tagName] = tag;
			}
		}
		const implicitScalarAnyFirstChar = implicitScalarTags.filter((tag) => tag.implicitFirstChars === null);
		const keys = /* @__PURE__ */ new Set();
		for (const tag of implicitScalarTags) if (tag.implicitFirstChars !== null) for (const key of tag.implicitFirstChars) keys.add(key);
		const implicitScalarByFirstChar = /* @__PURE__ */ new Map();
		for (const key of keys) implicitScalarByFirstChar.set(key, implicitScalarTags.filter((tag) => tag.implicitFirstChars === null || tag.implicitFirstChars.indexOf(key) !== -1));
		const defaultScalarTag = exact.scalar["tag:yaml.org,2002:str"];
		if (!defaultScalarTag) throw new Error("schema does not define the default scalar tag (tag:yaml.org,2002:str)");
		this.tags = compiledTags;
		this.implicitScalarTags = implicitScalarTags;
		this.implicitScalarByFirstChar = implicitScalarByFirstChar;
		this.implicitScalarAnyFirstChar = implicitScalarAnyFirstChar;
		this.defaultScalarTag = defaultScalarTag;
		this.defaultSequenceTag = exact.sequence["tag:yaml.org,2002:seq"];
		this.defaultMappingTag = exact.mapping["tag:yaml.org,2002:map"];
		this.exact = exact;
		this.prefix = prefix;
	}
	/** @internal */
	lookupScalarTag(tagName) {
		const exactTag = this.exact.scalar[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.scalar) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupSequenceTag(tagName) {
		const exactTag = this.exact.sequence[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.sequence) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupMappingTag(tagName) {
		const exactTag = this.exact.mapping[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.mapping) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	resolveImplicitScalarTag(source) {
		const candidates = this.implicitScalarByFirstChar.get(source.charAt(0)) ?? this.implicitScalarAnyFirstChar;
		for (const tag of candidates) {
			const value = tag.resolve(source, false, tag.tagName);
			if (value !== NOT_RESOLVED) return {
				value,
				tag
			};
		}
		const tag = this.defaultScalarTag;
		return {
			value: tag.resolve(source, false, tag.tagName),
			tag
		};
	}
	/**
	* Creates a new schema with the specified tags added. If a tag already
	* exists, it is replaced by the specified tag.
	*
	* @example
	*
	* ```javascript
	* import { CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
	*
	* const schema = CORE_SCHEMA.withTags(mergeTag, realMapTag)
	* ```
	*/
	withTags(...tags) {
		let flatTags = [];
		for (const tag of tags) flatTags = flatTags.concat(tag);
		return new Schema([...this.tags, ...flatTags]);
	}
};
/**
* The YAML 1.2 Failsafe Schema: strings, sequences, and mappings.
*
* @category Schemas
*/
var FAILSAFE_SCHEMA = new Schema([
	strTag,
	seqTag,
	mapTag
]);
/**
* The YAML 1.2 JSON Schema. It uses JSON scalar forms while retaining YAML
* collection syntax.
*
* @category Schemas
*/
var JSON_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullJsonTag,
	boolJsonTag,
	intJsonTag,
	floatJsonTag
]);
/**
* The default schema for the loaders. Note, {@link CORE_SCHEMA} comes
* without the `!!merge` tag. You can easily enable it if needed.
*
* @example
* Enable {@link mergeTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Schemas
*/
var CORE_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullCoreTag,
	boolCoreTag,
	intCoreTag,
	floatCoreTag
]);
/**
* YAML 1.1-compatible schema.
*
* @category Schemas
*/
var YAML11_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullYaml11Tag,
	boolYaml11Tag,
	intYaml11Tag,
	floatYaml11Tag,
	timestampTag,
	mergeTag,
	binaryTag,
	omapTag,
	pairsTag,
	setTag
]);
/**
* The dumper schema for maximum compatibility. It combines all supported type
* variants from YAML 1.1 and YAML 1.2 so strings matching any of them are
* quoted. This makes the generated YAML more compatible with other parsers.
*
* The schema is based on YAML 1.1, but extends `!!int` and `!!float` to accept
* both YAML 1.1 and Core Schema forms, since Core Schema supports some forms
* that YAML 1.1 does not.
*
* @category Schemas
*/
var DUMP_SCHEMA = YAML11_SCHEMA.withTags({
	...intYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = intYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? intCoreTag.resolve(source, isExplicit, tagName) : result;
	}
}, {
	...floatYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = floatYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? floatCoreTag.resolve(source, isExplicit, tagName) : result;
	}
});
//#endregion
//#region src/tag/mapping/real_map.ts
/**
* Recommended when non-string keys are actually needed. It uses native
* JavaScript `Map` objects, so keys keep their constructed types instead of
* being converted to strings.
*
* It is not the default to avoid widespread breaking changes in existing
* projects. `Map` has a different access API and does not pass deep equality
* checks against `{}`-based fixtures. Alongside the other changes in v5,
* making it the default was considered too disruptive.
*
* If these differences are acceptable for your project, we recommend using
* {@link realMapTag} to guarantee the absence of problems and side effects.
*
* @example
* Enable {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Tags
*/
var realMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => /* @__PURE__ */ new Map(),
	addPair: (container, key, value) => {
		container.set(key, value);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: (container, key) => container.get(key),
	identify: (data) => data instanceof Map || isPlainObject(data),
	represent: (data) => {
		if (data instanceof Map) return data;
		const map = /* @__PURE__ */ new Map();
		const obj = data;
		for (const key of Object.keys(obj)) map.set(key, obj[key]);
		return map;
	}
});
//#endregion
//#region src/tag/mapping/legacy_map.ts
function normalizeKey(key) {
	if (Array.isArray(key)) {
		const array = Array.prototype.slice.call(key);
		for (let index = 0; index < array.length; index++) {
			if (Array.isArray(array[index])) return null;
			if (typeof array[index] === "object" && Object.prototype.toString.call(array[index]) === "[object Object]") array[index] = "[object Object]";
		}
		return String(array);
	}
	if (typeof key === "object" && Object.prototype.toString.call(key) === "[object Object]") return "[object Object]";
	return String(key);
}
/**
* This implementation exists solely to reproduce v4 behavior exactly. Its use
* is strongly discouraged. If complex or non-string keys are needed, use
* {@link realMapTag} instead.
*
* @category Tags
*/
var legacyMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		const normalizedKey = normalizeKey(key);
		if (normalizedKey === null) return "nested arrays are not supported inside keys";
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		const normalizedKey = normalizeKey(key);
		return normalizedKey !== null && Object.prototype.hasOwnProperty.call(container, normalizedKey);
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/common/snippet.ts
var DEFAULT_SNIPPET_OPTIONS = {
	maxLength: 79,
	indent: 1,
	linesBefore: 3,
	linesAfter: 2
};
function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
	let head = "";
	let tail = "";
	const maxHalfLength = Math.floor(maxLineLength / 2) - 1;
	if (position - lineStart > maxHalfLength) {
		head = " ... ";
		lineStart = position - maxHalfLength + head.length;
	}
	if (lineEnd - position > maxHalfLength) {
		tail = " ...";
		lineEnd = position + maxHalfLength - tail.length;
	}
	return {
		str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "→") + tail,
		pos: position - lineStart + head.length
	};
}
function padStart(string, max) {
	return " ".repeat(Math.max(max - string.length, 0)) + string;
}
function makeSnippet(mark, options) {
	if (!mark.buffer) return null;
	const opts = {
		...DEFAULT_SNIPPET_OPTIONS,
		...options
	};
	const re = /\r?\n|\r|\0/g;
	const lineStarts = [0];
	const lineEnds = [];
	let match;
	let foundLineNo = -1;
	while (match = re.exec(mark.buffer)) {
		lineEnds.push(match.index);
		lineStarts.push(match.index + match[0].length);
		if (mark.position <= match.index && foundLineNo < 0) foundLineNo = lineStarts.length - 2;
	}
	if (foundLineNo < 0) foundLineNo = lineStarts.length - 1;
	let result = "";
	const lineNoLength = Math.min(mark.line + opts.linesAfter, lineEnds.length).toString().length;
	const maxLineLength = opts.maxLength - (opts.indent + lineNoLength + 3);
	for (let i = 1; i <= opts.linesBefore; i++) {
		if (foundLineNo - i < 0) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo - i], lineEnds[foundLineNo - i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]), maxLineLength);
		result = `${" ".repeat(opts.indent)}${padStart((mark.line - i + 1).toString(), lineNoLength)} | ${line.str}\n${result}`;
	}
	const line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
	result += `${" ".repeat(opts.indent)}${padStart((mark.line + 1).toString(), lineNoLength)} | ${line.str}\n`;
	result += `${"-".repeat(opts.indent + lineNoLength + 3 + line.pos)}^\n`;
	for (let i = 1; i <= opts.linesAfter; i++) {
		if (foundLineNo + i >= lineEnds.length) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo + i], lineEnds[foundLineNo + i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]), maxLineLength);
		result += `${" ".repeat(opts.indent)}${padStart((mark.line + i + 1).toString(), lineNoLength)} | ${line.str}\n`;
	}
	return result.replace(/\n$/, "");
}
//#endregion
//#region src/common/exception.ts
function formatError(exception, compact) {
	let where = "";
	if (!exception.mark) return exception.reason;
	if (exception.mark.name) where += `in "${exception.mark.name}" `;
	where += `(${exception.mark.line + 1}:${exception.mark.column + 1})`;
	if (!compact && exception.mark.snippet) where += `\n\n${exception.mark.snippet}`;
	return `${exception.reason} ${where}`;
}
/**
* A YAML error. Unlike an ordinary `Error`, it adds a source snippet showing
* the location of the problem to the error message, when available.
*
* @category Main
*/
var YAMLException = class YAMLException extends Error {
	reason;
	mark;
	/**
	* Optional `mark` contains source snippet data. Usually, use
	* {@link YAMLException.throwAt} instead of passing it directly.
	*/
	constructor(reason, mark) {
		super();
		this.name = "YAMLException";
		this.reason = reason;
		this.mark = mark;
		this.message = formatError(this, false);
		if (Error.captureStackTrace) Error.captureStackTrace(this, this.constructor);
	}
	/**
	* Returns the formatted error, omitting the source snippet in compact mode.
	*/
	toString(compact) {
		return `${this.name}: ${formatError(this, compact)}`;
	}
	/**
	* Builds a YAMLException with a source snippet and throws it. `source` is
	* the raw input text; `position` is an offset into it.
	*/
	static throwAt(source, position, message, filename = "") {
		let line = 0;
		let lineStart = 0;
		for (let index = 0; index < position; index++) {
			const ch = source.charCodeAt(index);
			if (ch === 10) {
				line++;
				lineStart = index + 1;
			} else if (ch === 13) {
				line++;
				if (source.charCodeAt(index + 1) === 10) index++;
				lineStart = index + 1;
			}
		}
		const mark = {
			name: filename,
			buffer: source,
			position,
			line,
			column: position - lineStart
		};
		mark.snippet = makeSnippet(mark);
		throw new YAMLException(message, mark);
	}
};
//#endregion
//#region src/parser/events.ts
/** @category Events */
var EVENT_ID = {
	DOCUMENT: 1,
	SEQUENCE: 2,
	MAPPING: 3,
	SCALAR: 4,
	ALIAS: 5,
	POP: 6
};
/** @category Nodes */
var SCALAR_STYLE = {
	PLAIN: 1,
	SINGLE_QUOTED: 2,
	DOUBLE_QUOTED: 3,
	LITERAL_BLOCK: 4,
	FOLDED_BLOCK: 5
};
/** @category Nodes */
var COLLECTION_STYLE = {
	BLOCK: 1,
	FLOW: 2
};
/** @category Nodes */
var CHOMPING_MODE = {
	CLIP: 1,
	STRIP: 2,
	KEEP: 3
};
//#endregion
//#region src/parser/parser_scalar.ts
var NO_RANGE$3 = -1;
function simpleEscapeSequence(c) {
	switch (c) {
		case 48: return "\0";
		case 97: return "\x07";
		case 98: return "\b";
		case 116: return "	";
		case 9: return "	";
		case 110: return "\n";
		case 118: return "\v";
		case 102: return "\f";
		case 114: return "\r";
		case 101: return "\x1B";
		case 32: return " ";
		case 34: return "\"";
		case 47: return "/";
		case 92: return "\\";
		case 78: return "";
		case 95: return "\xA0";
		case 76: return "\u2028";
		case 80: return "\u2029";
		default: return "";
	}
}
var simpleEscapeCheck = new Array(256);
var simpleEscapeMap = new Array(256);
for (let i = 0; i < 256; i++) {
	simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
	simpleEscapeMap[i] = simpleEscapeSequence(i);
}
function charFromCodepoint(c) {
	if (c <= 65535) return String.fromCharCode(c);
	return String.fromCharCode((c - 65536 >> 10) + 55296, (c - 65536 & 1023) + 56320);
}
function fromHexCode$1(c) {
	if (c >= 48 && c <= 57) return c - 48;
	return (c | 32) - 97 + 10;
}
function escapedHexLen$1(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	return 8;
}
function skipFoldedBreaks(input, position, end) {
	let breaks = 0;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10) {
			breaks++;
			position++;
		} else if (ch === 13) {
			breaks++;
			position++;
			if (input.charCodeAt(position) === 10) position++;
		} else if (ch === 32 || ch === 9) position++;
		else break;
	}
	return {
		position,
		breaks
	};
}
function foldedBreaks(count) {
	if (count === 1) return " ";
	return "\n".repeat(count - 1);
}
function getPlainValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, captureEnd);
}
function getSingleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 39) {
			result += input.slice(captureStart, position) + "'";
			position += 2;
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getDoubleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 92) {
			result += input.slice(captureStart, position);
			position++;
			const escaped = input.charCodeAt(position);
			if (escaped === 10 || escaped === 13) position = skipFoldedBreaks(input, position, end).position;
			else if (escaped < 256 && simpleEscapeCheck[escaped]) {
				result += simpleEscapeMap[escaped];
				position++;
			} else {
				let hexLength = escapedHexLen$1(escaped);
				let hexResult = 0;
				for (; hexLength > 0; hexLength--) {
					position++;
					const digit = fromHexCode$1(input.charCodeAt(position));
					hexResult = (hexResult << 4) + digit;
				}
				result += charFromCodepoint(hexResult);
				position++;
			}
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getBlockValue(input, start, end, indent, chomping, folded) {
	const textIndent = indent < 0 ? 0 : indent;
	const region = input.slice(start, end).replace(/\r\n?/g, "\n");
	const lines = region === "" ? [] : (region.endsWith("\n") ? region.slice(0, -1) : region).split("\n");
	let result = "";
	let didReadContent = false;
	let emptyLines = 0;
	let atMoreIndented = false;
	for (const line of lines) {
		let column = 0;
		while (column < textIndent && line.charCodeAt(column) === 32) column++;
		if (indent < 0 || column >= line.length) {
			emptyLines++;
			continue;
		}
		const content = line.slice(textIndent);
		const first = content.charCodeAt(0);
		if (folded) {
			if (first === 32 || first === 9) {
				atMoreIndented = true;
				result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
			} else if (atMoreIndented) {
				atMoreIndented = false;
				result += "\n".repeat(emptyLines + 1);
			} else if (emptyLines === 0) {
				if (didReadContent) result += " ";
			} else result += "\n".repeat(emptyLines);
		} else result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
		result += content;
		didReadContent = true;
		emptyLines = 0;
	}
	if (chomping === CHOMPING_MODE.KEEP) result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
	else if (chomping !== CHOMPING_MODE.STRIP) {
		if (didReadContent) result += "\n";
	}
	return result;
}
/**
* Decodes the scalar referenced by event offsets in `input`.
*
* @category Events
*/
function getScalarValue(input, scalar) {
	if (scalar.valueStart === NO_RANGE$3) return "";
	const { valueStart, valueEnd } = scalar;
	if (scalar.fast) return input.slice(valueStart, valueEnd);
	switch (scalar.style) {
		case SCALAR_STYLE.SINGLE_QUOTED: return getSingleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.DOUBLE_QUOTED: return getDoubleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.LITERAL_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, false);
		case SCALAR_STYLE.FOLDED_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, true);
		default: return getPlainValue(input, valueStart, valueEnd);
	}
}
//#endregion
//#region src/common/tagname.ts
var DEFAULT_TAG_HANDLERS = Object.assign(Object.create(null), {
	"!": "!",
	"!!": "tag:yaml.org,2002:"
});
var TAG_SUFFIX_CHARS = "-#;/?:@&=+$_.~*'()";
var TAG_URI_CHARS = TAG_SUFFIX_CHARS + "!,[]";
var HEX = "0123456789ABCDEF";
function percentByte(byte) {
	return "%" + HEX[byte >> 4] + HEX[byte & 15];
}
function tagPercentEncode(source, isSuffix) {
	const allowed = isSuffix ? TAG_SUFFIX_CHARS : TAG_URI_CHARS;
	let result = "";
	for (let index = 0; index < source.length; index++) {
		let ch = source.charCodeAt(index);
		if (ch >= 48 && ch <= 57 || ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122 || allowed.includes(source[index])) {
			result += source[index];
			continue;
		}
		if (ch >= 55296 && ch <= 56319) ch = 65536 + ((ch & 1023) << 10) + (source.charCodeAt(++index) & 1023);
		if (ch < 128) result += percentByte(ch);
		else if (ch < 2048) result += percentByte(192 | ch >> 6) + percentByte(128 | ch & 63);
		else if (ch < 65536) result += percentByte(224 | ch >> 12) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
		else result += percentByte(240 | ch >> 18) + percentByte(128 | ch >> 12 & 63) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
	}
	return result;
}
function tagPercentDecode(source) {
	let result = "";
	let index = 0;
	while (index < source.length) {
		if (source.charCodeAt(index) !== 37) {
			result += source[index++];
			continue;
		}
		let ch = parseInt(source.slice(index + 1, index + 3), 16);
		index += 3;
		if (ch >= 192) {
			let remaining = ch < 224 ? 1 : ch < 240 ? 2 : 3;
			ch &= (1 << 6 - remaining) - 1;
			while (remaining-- > 0) {
				ch = ch << 6 | parseInt(source.slice(index + 1, index + 3), 16) & 63;
				index += 3;
			}
		}
		if (ch < 65536) result += String.fromCharCode(ch);
		else {
			ch -= 65536;
			result += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
		}
	}
	return result;
}
function tagNameFull(rawTag, tagHandlers) {
	if (rawTag.startsWith("!<") && rawTag.endsWith(">")) return tagPercentDecode(rawTag.slice(2, -1));
	const handleEnd = rawTag.indexOf("!", 1);
	const handle = handleEnd === -1 ? "!" : rawTag.slice(0, handleEnd + 1);
	return tagPercentDecode(tagHandlers?.[handle] ?? DEFAULT_TAG_HANDLERS[handle] ?? handle) + tagPercentDecode(rawTag.slice(handle.length));
}
function tagNameShort(fullTag) {
	let tag = fullTag;
	if (tag.charCodeAt(0) === 33) {
		tag = tag.slice(1);
		return `!${tagPercentEncode(tag, true)}`;
	}
	if (tag.slice(0, 18) === "tag:yaml.org,2002:") return `!!${tagPercentEncode(tag.slice(18), true)}`;
	return `!<${tagPercentEncode(tag, false)}>`;
}
//#endregion
//#region src/parser/constructor.ts
var NO_RANGE$2 = -1;
var MERGE_TAG_NAME = "tag:yaml.org,2002:merge";
var DEFAULT_CONSTRUCTOR_OPTIONS = {
	filename: "",
	schema: CORE_SCHEMA,
	json: false,
	maxTotalMergeKeys: 1e4,
	maxAliases: -1
};
function eventPosition$1(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE$2) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE$2) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE$2) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function throwError$1(state, message) {
	YAMLException.throwAt(state.source, state.position, message, state.filename);
}
function finalizeCollection(state, position, tag, carrier) {
	try {
		return tag.finalize(carrier);
	} catch (error) {
		if (error instanceof YAMLException) throw error;
		YAMLException.throwAt(state.source, position, error instanceof Error ? error.message : String(error), state.filename);
	}
}
function constructScalar(state, event) {
	const source = getScalarValue(state.source, event);
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	const strTag = state.schema.defaultScalarTag;
	if (rawTag !== "") {
		if (rawTag === "!") return {
			value: source,
			tag: strTag
		};
		const tagName = tagNameFull(rawTag, state.tagHandlers);
		const scalarTag = state.schema.lookupScalarTag(tagName);
		if (scalarTag) {
			const result = scalarTag.resolve(source, true, tagName);
			if (result === NOT_RESOLVED) throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			return {
				value: result,
				tag: scalarTag
			};
		}
		const collectionTagDef = state.schema.lookupMappingTag(tagName) ?? state.schema.lookupSequenceTag(tagName);
		if (collectionTagDef) {
			if (source !== "") throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			const carrier = collectionTagDef.create(tagName);
			return {
				value: collectionTagDef.carrierIsResult ? carrier : finalizeCollection(state, state.position, collectionTagDef, carrier),
				tag: collectionTagDef
			};
		}
		throwError$1(state, `unknown scalar tag !<${tagName}>`);
	}
	if (event.style === SCALAR_STYLE.PLAIN) return state.schema.resolveImplicitScalarTag(source);
	return {
		value: strTag.resolve(source, false, strTag.tagName),
		tag: strTag
	};
}
function collectionTagName(state, event, defaultTagName) {
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	return rawTag === "" || rawTag === "!" ? defaultTagName : tagNameFull(rawTag, state.tagHandlers);
}
function isMappingTag(tag) {
	return tag.nodeKind === "mapping";
}
function chargeMergeWork(state) {
	state.totalMergeKeys++;
	if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) throwError$1(state, `merge keys exceeded maxTotalMergeKeys (${state.maxTotalMergeKeys})`);
}
function mergeKeys(state, frame, source, sourceTag) {
	chargeMergeWork(state);
	for (const sourceKey of sourceTag.keys(source)) {
		chargeMergeWork(state);
		if (frame.tag.has(frame.value, sourceKey)) continue;
		const err = frame.tag.addPair(frame.value, sourceKey, sourceTag.get(source, sourceKey));
		if (err) throwError$1(state, err);
		frame.overridable ??= /* @__PURE__ */ new Set();
		frame.overridable.add(sourceKey);
	}
}
function mergeSource(state, frame, source, sourceTag) {
	state.position = frame.keyPosition;
	if (isMappingTag(sourceTag)) mergeKeys(state, frame, source, sourceTag);
	else if (sourceTag.nodeKind === "sequence" && Array.isArray(source)) {
		if (source.length > 100) throwError$1(state, "abnormal merge sequence size");
		for (const element of source) {
			const elementTag = state.nodeTags.get(element);
			if (!elementTag) throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
			mergeKeys(state, frame, element, elementTag);
		}
	} else throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
}
function addMappingValue(state, frame, key, value, tag) {
	state.position = frame.keyPosition;
	if (frame.keyIsMerge) {
		mergeSource(state, frame, value, tag);
		return;
	}
	if (!state.json && frame.tag.has(frame.value, key) && !frame.overridable?.has(key)) throwError$1(state, "duplicated mapping key");
	const err = frame.tag.addPair(frame.value, key, value);
	if (err) throwError$1(state, err);
	frame.overridable?.delete(key);
}
function addValue(state, value, tag) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") {
		frame.value = value;
		frame.hasValue = true;
	} else if (frame.kind === "sequence") {
		if (isMappingTag(tag)) state.nodeTags.set(value, tag);
		const err = frame.tag.addItem(frame.value, value, frame.index++);
		if (err) throwError$1(state, err);
	} else if (frame.hasKey) {
		const key = frame.key;
		frame.key = void 0;
		frame.hasKey = false;
		addMappingValue(state, frame, key, value, tag);
	} else {
		frame.key = value;
		frame.keyPosition = state.position;
		frame.hasKey = true;
		frame.keyIsMerge = tag.tagName === MERGE_TAG_NAME;
	}
}
function storeAnchor(state, event, value, tag, isValueFinal) {
	if (event.anchorStart !== NO_RANGE$2) {
		const anchor = {
			value,
			tag,
			isValueFinal
		};
		state.anchors.set(state.source.slice(event.anchorStart, event.anchorEnd), anchor);
		return anchor;
	}
	return null;
}
/**
* Constructs JavaScript documents directly from parser events, without an
* intermediate AST.
*
* @category Events
*/
function constructFromEvents(events, options) {
	const state = {
		...DEFAULT_CONSTRUCTOR_OPTIONS,
		...options,
		events,
		documents: [],
		eventIndex: 0,
		position: 0,
		frames: [],
		anchors: /* @__PURE__ */ new Map(),
		nodeTags: /* @__PURE__ */ new Map(),
		tagHandlers: Object.create(null),
		totalMergeKeys: 0,
		aliasCount: 0
	};
	while (state.eventIndex < state.events.length) {
		const event = state.events[state.eventIndex++];
		state.position = eventPosition$1(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT:
				state.anchors = /* @__PURE__ */ new Map();
				state.nodeTags = /* @__PURE__ */ new Map();
				state.aliasCount = 0;
				state.tagHandlers = Object.create(null);
				for (const directive of event.directives) if (directive.kind === "tag") state.tagHandlers[directive.handle] = directive.prefix;
				state.frames.push({
					kind: "document",
					position: state.position,
					value: void 0,
					hasValue: false
				});
				break;
			case EVENT_ID.SCALAR: {
				const { value, tag } = constructScalar(state, event);
				storeAnchor(state, event, value, tag, true);
				addValue(state, value, tag);
				break;
			}
			case EVENT_ID.SEQUENCE: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:seq");
				const tag = state.schema.lookupSequenceTag(tagName);
				if (!tag) throwError$1(state, `unknown sequence tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "sequence",
					position: state.position,
					value,
					tag,
					anchor,
					index: 0
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:map");
				const tag = state.schema.lookupMappingTag(tagName);
				if (!tag) throwError$1(state, `unknown mapping tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "mapping",
					position: state.position,
					value,
					tag,
					anchor,
					key: void 0,
					keyPosition: state.position,
					hasKey: false,
					keyIsMerge: false,
					overridable: null
				});
				break;
			}
			case EVENT_ID.ALIAS: {
				if (state.maxAliases !== -1 && ++state.aliasCount > state.maxAliases) throwError$1(state, `aliases exceeded maxAliases (${state.maxAliases})`);
				const name = state.source.slice(event.anchorStart, event.anchorEnd);
				const anchor = state.anchors.get(name);
				if (!anchor) throwError$1(state, `unidentified alias "${name}"`);
				if (!anchor.isValueFinal) throwError$1(state, `recursive alias "${name}" is not supported for tag ${anchor.tag.tagName} because it uses finalize()`);
				addValue(state, anchor.value, anchor.tag);
				break;
			}
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.hasKey) {
					state.position = frame.keyPosition;
					throwError$1(state, "incomplete mapping pair in event stream");
				}
				if (frame.kind === "document") state.documents.push(frame.value);
				else {
					const value = frame.tag.carrierIsResult ? frame.value : finalizeCollection(state, frame.position, frame.tag, frame.value);
					if (frame.anchor) {
						frame.anchor.value = value;
						frame.anchor.isValueFinal = true;
					}
					addValue(state, value, frame.tag);
				}
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/parser/parser.ts
var NO_RANGE$1 = -1;
var HAS_OWN = Object.prototype.hasOwnProperty;
var CONTEXT_FLOW_IN = 1;
var CONTEXT_FLOW_OUT = 2;
var CONTEXT_BLOCK_IN = 3;
var CONTEXT_BLOCK_OUT = 4;
var PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
var PATTERN_FLOW_INDICATORS = /[,\[\]{}]/;
var PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/;
var NS_URI_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$,_.!~*'()\[\]])`;
var NS_TAG_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$.~*'()_])`;
var PATTERN_TAG_URI = new RegExp(`^(?:${NS_URI_CHAR})*$`);
var PATTERN_TAG_SUFFIX = new RegExp(`^(?:${NS_TAG_CHAR})+$`);
var PATTERN_TAG_PREFIX = new RegExp(`^(?:!(?:${NS_URI_CHAR})*|${NS_TAG_CHAR}(?:${NS_URI_CHAR})*)$`);
var DEFAULT_PARSER_OPTIONS = {
	filename: "",
	maxDepth: 100
};
function addDocumentEvent(state, explicitStart, explicitEnd) {
	state.events.push({
		type: EVENT_ID.DOCUMENT,
		explicitStart,
		explicitEnd,
		directives: state.directives
	});
}
function addSequenceEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.SEQUENCE,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function addMappingEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.MAPPING,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function insertFlowPairMappingEvent(state, snapshot) {
	state.events.splice(snapshot.eventsLength, 0, {
		type: EVENT_ID.MAPPING,
		start: snapshot.position,
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1,
		style: COLLECTION_STYLE.FLOW
	});
}
function addScalarEvent(state, valueStart, valueEnd, anchorStart, anchorEnd, tagStart, tagEnd, style, chomping = CHOMPING_MODE.CLIP, indent = -1, fast = false) {
	state.events.push({
		type: EVENT_ID.SCALAR,
		valueStart,
		valueEnd,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style,
		chomping,
		indent,
		fast
	});
}
function addAliasEvent(state, anchorStart, anchorEnd) {
	state.events.push({
		type: EVENT_ID.ALIAS,
		anchorStart,
		anchorEnd
	});
}
function addPopEvent(state) {
	state.events.push({ type: EVENT_ID.POP });
}
function addEmptyScalarEvent(state) {
	addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, SCALAR_STYLE.PLAIN);
}
function emptyProperties() {
	return {
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1
	};
}
function snapshotState(state) {
	return {
		position: state.position,
		line: state.line,
		lineStart: state.lineStart,
		lineIndent: state.lineIndent,
		firstTabInLine: state.firstTabInLine,
		eventsLength: state.events.length
	};
}
function restoreState(state, snapshot) {
	state.position = snapshot.position;
	state.line = snapshot.line;
	state.lineStart = snapshot.lineStart;
	state.lineIndent = snapshot.lineIndent;
	state.firstTabInLine = snapshot.firstTabInLine;
	state.events.length = snapshot.eventsLength;
}
function throwError(state, message) {
	YAMLException.throwAt(state.input.slice(0, state.length), state.position, message, state.filename);
}
function isEol(c) {
	return c === 10 || c === 13;
}
function isWhiteSpace(c) {
	return c === 9 || c === 32;
}
function isWsOrEol(c) {
	return isWhiteSpace(c) || isEol(c);
}
function isWsOrEolOrEnd(c) {
	return c === 0 || isWsOrEol(c);
}
function isFlowIndicator(c) {
	return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}
function fromDecimalCode(c) {
	return c >= 48 && c <= 57 ? c - 48 : -1;
}
function fromHexCode(c) {
	if (c >= 48 && c <= 57) return c - 48;
	const lc = c | 32;
	if (lc >= 97 && lc <= 102) return lc - 97 + 10;
	return -1;
}
function escapedHexLen(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	if (c === 85) return 8;
	return 0;
}
function isSimpleEscape(c) {
	return c === 48 || c === 97 || c === 98 || c === 116 || c === 9 || c === 110 || c === 118 || c === 102 || c === 114 || c === 101 || c === 32 || c === 34 || c === 47 || c === 92 || c === 78 || c === 95 || c === 76 || c === 80;
}
function consumeLineBreak(state) {
	if (state.input.charCodeAt(state.position) === 10) state.position++;
	else {
		state.position++;
		if (state.input.charCodeAt(state.position) === 10) state.position++;
	}
	state.line++;
	state.lineStart = state.position;
	state.lineIndent = 0;
	state.firstTabInLine = -1;
}
function skipSeparationSpace(state, allowComments) {
	let lineBreaks = 0;
	let ch = state.input.charCodeAt(state.position);
	let hasSeparation = state.position === state.lineStart || isWsOrEol(state.input.charCodeAt(state.position - 1));
	while (ch !== 0) {
		while (isWhiteSpace(ch)) {
			hasSeparation = true;
			if (ch === 9 && state.firstTabInLine === -1) state.firstTabInLine = state.position;
			ch = state.input.charCodeAt(++state.position);
		}
		if (allowComments && hasSeparation && ch === 35) do
			ch = state.input.charCodeAt(++state.position);
		while (!isEol(ch) && ch !== 0);
		if (!isEol(ch)) break;
		consumeLineBreak(state);
		lineBreaks++;
		hasSeparation = true;
		ch = state.input.charCodeAt(state.position);
		while (ch === 32) {
			state.lineIndent++;
			ch = state.input.charCodeAt(++state.position);
		}
	}
	return lineBreaks;
}
function testDocumentSeparator(state, position = state.position) {
	const ch = state.input.charCodeAt(position);
	if ((ch === 45 || ch === 46) && ch === state.input.charCodeAt(position + 1) && ch === state.input.charCodeAt(position + 2)) {
		const following = state.input.charCodeAt(position + 3);
		return following === 0 || isWsOrEol(following);
	}
	return false;
}
function skipByteOrderMark(state) {
	if (state.position === state.lineStart && state.input.charCodeAt(state.position) === 65279) {
		state.position++;
		state.lineStart = state.position;
	}
}
function testDocumentBoundary(state) {
	if (state.position !== state.lineStart) return false;
	if (testDocumentSeparator(state)) return true;
	if (state.input.charCodeAt(state.position) !== 65279) return false;
	const snapshot = snapshotState(state);
	skipByteOrderMark(state);
	skipSeparationSpace(state, true);
	const ch = state.input.charCodeAt(state.position);
	const result = state.position === state.lineStart && (ch === 37 || ch === 45 && testDocumentSeparator(state));
	restoreState(state, snapshot);
	return result;
}
function skipUntilLineEnd(state) {
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0 && !isEol(ch)) ch = state.input.charCodeAt(++state.position);
}
function checkPrintable(state, start, end) {
	const match = PATTERN_NON_PRINTABLE.exec(state.input.slice(start, end));
	if (match !== null) {
		state.position = start + match.index + match[0].length - 1;
		throwError(state, "the stream contains non-printable characters");
	}
}
function readTagProperty(state, props, inFlow) {
	if (state.input.charCodeAt(state.position) !== 33) return false;
	if (props.tagStart !== NO_RANGE$1) throwError(state, "duplication of a tag property");
	const start = state.position;
	let isVerbatim = false;
	let isNamed = false;
	let tagHandle = "!";
	let ch = state.input.charCodeAt(++state.position);
	if (ch === 60) {
		isVerbatim = true;
		ch = state.input.charCodeAt(++state.position);
	} else if (ch === 33) {
		isNamed = true;
		tagHandle = "!!";
		ch = state.input.charCodeAt(++state.position);
	}
	let suffixStart = state.position;
	let tagName;
	if (isVerbatim) {
		while (ch !== 0 && ch !== 62) ch = state.input.charCodeAt(++state.position);
		if (ch !== 62) throwError(state, "unexpected end of the stream within a verbatim tag");
		tagName = state.input.slice(suffixStart, state.position);
		state.position++;
	} else {
		while (ch !== 0 && !isWsOrEol(ch) && !(inFlow && isFlowIndicator(ch))) {
			if (ch === 33) {
				if (!isNamed) {
					tagHandle = state.input.slice(suffixStart - 1, state.position + 1);
					if (!PATTERN_TAG_HANDLE.test(tagHandle)) throwError(state, "named tag handle cannot contain such characters");
					isNamed = true;
					suffixStart = state.position + 1;
				} else throwError(state, "tag suffix cannot contain exclamation marks");
			}
			ch = state.input.charCodeAt(++state.position);
		}
		tagName = state.input.slice(suffixStart, state.position);
		if (PATTERN_FLOW_INDICATORS.test(tagName)) throwError(state, "tag suffix cannot contain flow indicator characters");
	}
	if (tagName && !(isVerbatim ? PATTERN_TAG_URI.test(tagName) : PATTERN_TAG_SUFFIX.test(tagName))) throwError(state, `tag name cannot contain such characters: ${tagName}`);
	if (!isVerbatim && tagHandle !== "!" && tagHandle !== "!!" && !HAS_OWN.call(state.tagHandlers, tagHandle)) throwError(state, `undeclared tag handle "${tagHandle}"`);
	props.tagStart = start;
	props.tagEnd = state.position;
	return true;
}
function readAnchorProperty(state, props) {
	if (state.input.charCodeAt(state.position) !== 38) return false;
	if (props.anchorStart !== NO_RANGE$1) throwError(state, "duplication of an anchor property");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an anchor node must contain at least one character");
	props.anchorStart = start;
	props.anchorEnd = state.position;
	return true;
}
function readAlias(state, props) {
	if (state.input.charCodeAt(state.position) !== 42) return false;
	if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) throwError(state, "alias node should not have any properties");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an alias node must contain at least one character");
	addAliasEvent(state, start, state.position);
	return true;
}
function readFlowScalarBreak(state, nodeIndent) {
	skipSeparationSpace(state, false);
	if (state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readSingleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 39) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 39) {
			if (state.input.charCodeAt(state.position + 1) === 39) {
				simple = false;
				state.position += 2;
				continue;
			}
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.SINGLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a single quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a single quoted scalar");
}
function readDoubleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 34) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 34) {
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.DOUBLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (ch === 92) {
			simple = false;
			const escaped = state.input.charCodeAt(++state.position);
			if (isEol(escaped)) readFlowScalarBreak(state, nodeIndent);
			else if (isSimpleEscape(escaped)) state.position++;
			else {
				let hexLength = escapedHexLen(escaped);
				if (hexLength === 0) throwError(state, "unknown escape sequence");
				while (hexLength-- > 0) {
					state.position++;
					if (fromHexCode(state.input.charCodeAt(state.position)) < 0) throwError(state, "expected hexadecimal character");
				}
				state.position++;
			}
		} else if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a double quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a double quoted scalar");
}
function readBlockScalar(state, parentIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	let chomping = CHOMPING_MODE.CLIP;
	let indent = -1;
	let detectedIndent = false;
	if (ch !== 124 && ch !== 62) return false;
	const style = ch === 124 ? SCALAR_STYLE.LITERAL_BLOCK : SCALAR_STYLE.FOLDED_BLOCK;
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		const current = state.input.charCodeAt(state.position);
		const digit = fromDecimalCode(current);
		if (current === 43 || current === 45) {
			if (chomping !== CHOMPING_MODE.CLIP) throwError(state, "repeat of a chomping mode identifier");
			chomping = current === 43 ? CHOMPING_MODE.KEEP : CHOMPING_MODE.STRIP;
			state.position++;
		} else if (digit >= 0) {
			if (digit === 0) throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one");
			if (detectedIndent) throwError(state, "repeat of an indentation width identifier");
			indent = parentIndent + digit - 1;
			detectedIndent = true;
			state.position++;
		} else break;
	}
	let hadWhitespace = false;
	while (isWhiteSpace(state.input.charCodeAt(state.position))) {
		hadWhitespace = true;
		state.position++;
	}
	if (hadWhitespace && state.input.charCodeAt(state.position) === 35) skipUntilLineEnd(state);
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	else if (state.input.charCodeAt(state.position) !== 0) throwError(state, "a line break is expected");
	let contentIndent = detectedIndent ? indent : -1;
	let maxLeadingIndent = 0;
	const valueStart = state.position;
	let valueEnd = state.position;
	while (state.input.charCodeAt(state.position) !== 0) {
		const linePosition = state.position;
		let column = 0;
		while (state.input.charCodeAt(linePosition + column) === 32) column++;
		const first = state.input.charCodeAt(linePosition + column);
		if (first === 0) {
			if (contentIndent >= 0) {
				if (column > contentIndent) valueEnd = linePosition + column;
			} else if (column > 0) valueEnd = linePosition + column;
			break;
		}
		if (testDocumentBoundary(state)) break;
		if (!detectedIndent && contentIndent === -1 && isEol(first)) maxLeadingIndent = Math.max(maxLeadingIndent, column);
		if (!detectedIndent && contentIndent === -1 && !isEol(first)) {
			if (first === 9 && column < parentIndent) {
				state.position = linePosition + column;
				throwError(state, "tab characters must not be used in indentation");
			}
			if (column >= parentIndent && column < maxLeadingIndent) {
				state.position = linePosition + column;
				throwError(state, "bad indentation of a mapping entry");
			}
		}
		if (contentIndent === -1 && first !== 0 && !isEol(first) && column < parentIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		if (!detectedIndent && first !== 0 && !isEol(first) && contentIndent === -1) contentIndent = column;
		const requiredIndent = contentIndent === -1 ? parentIndent + 1 : contentIndent;
		if (first !== 0 && !isEol(first) && column < requiredIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		skipUntilLineEnd(state);
		valueEnd = state.position;
		if (isEol(state.input.charCodeAt(state.position))) {
			consumeLineBreak(state);
			valueEnd = state.position;
		}
	}
	checkPrintable(state, valueStart, valueEnd);
	addScalarEvent(state, valueStart, valueEnd, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, style, chomping, contentIndent);
	return true;
}
function canStartPlainScalar(state, nodeContext) {
	const ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	if (ch === 0 || isWsOrEol(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96 || isFlowIndicator(ch)) return false;
	if (ch === 63 || ch === 45) {
		const following = state.input.charCodeAt(state.position + 1);
		if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) return false;
	}
	return true;
}
function readPlainScalar(state, nodeIndent, nodeContext, props) {
	if (!canStartPlainScalar(state, nodeContext)) return false;
	const start = state.position;
	let end = state.position;
	let ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	let multiline = false;
	while (ch !== 0) {
		if (testDocumentBoundary(state)) break;
		if (ch === 58) {
			const following = state.input.charCodeAt(state.position + 1);
			if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) break;
		} else if (ch === 35) {
			if (isWsOrEol(state.input.charCodeAt(state.position - 1))) break;
		} else if (inFlow && isFlowIndicator(ch)) break;
		else if (isEol(ch)) {
			const savedPosition = state.position;
			const savedLine = state.line;
			const savedLineStart = state.lineStart;
			const savedLineIndent = state.lineIndent;
			skipSeparationSpace(state, false);
			if (state.lineIndent >= nodeIndent) {
				multiline = true;
				ch = state.input.charCodeAt(state.position);
				continue;
			}
			state.position = savedPosition;
			state.line = savedLine;
			state.lineStart = savedLineStart;
			state.lineIndent = savedLineIndent;
			break;
		}
		if (!isWhiteSpace(ch)) end = state.position + 1;
		ch = state.input.charCodeAt(++state.position);
	}
	if (end === start) return false;
	checkPrintable(state, start, end);
	addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN, CHOMPING_MODE.CLIP, -1, !multiline);
	return true;
}
function skipFlowSeparationSpace(state, nodeIndent) {
	const startLine = state.line;
	skipSeparationSpace(state, true);
	if (state.line > startLine && state.lineIndent < nodeIndent || state.firstTabInLine !== -1 && state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readFlowCollection(state, nodeIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	const isMapping = ch === 123;
	const start = state.position;
	let readNext = true;
	if (ch !== 91 && ch !== 123) return false;
	const terminator = isMapping ? 125 : 93;
	if (isMapping) addMappingEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	else addSequenceEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		skipFlowSeparationSpace(state, nodeIndent);
		let ch = state.input.charCodeAt(state.position);
		if (ch === terminator) {
			state.position++;
			addPopEvent(state);
			return true;
		} else if (!readNext) throwError(state, "missed comma between flow collection entries");
		else if (ch === 44) throwError(state, "expected the node content, but found ','");
		let isPair = false;
		let isExplicitPair = false;
		if (ch === 63 && isWsOrEol(state.input.charCodeAt(state.position + 1))) {
			isPair = isExplicitPair = true;
			state.position += 1;
			skipFlowSeparationSpace(state, nodeIndent);
		}
		const entryLine = state.line;
		const entryStart = snapshotState(state);
		const keyWasRead = parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
		skipFlowSeparationSpace(state, nodeIndent);
		ch = state.input.charCodeAt(state.position);
		if ((isMapping || isExplicitPair || state.line === entryLine) && ch === 58) {
			isPair = true;
			state.position++;
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) {
				insertFlowPairMappingEvent(state, entryStart);
				if (!keyWasRead) addEmptyScalarEvent(state);
			} else if (!keyWasRead) addEmptyScalarEvent(state);
			if (!parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true)) addEmptyScalarEvent(state);
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) addPopEvent(state);
		} else if (isMapping && isPair) {
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
		} else if (isMapping) addEmptyScalarEvent(state);
		else if (isPair) {
			insertFlowPairMappingEvent(state, entryStart);
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
			addPopEvent(state);
		}
		ch = state.input.charCodeAt(state.position);
		if (ch === 44) {
			readNext = true;
			state.position++;
		} else readNext = false;
	}
	throwError(state, "unexpected end of the stream within a flow collection");
}
function readBlockSequence(state, nodeIndent, props) {
	if (state.firstTabInLine !== -1 || state.input.charCodeAt(state.position) !== 45 || !isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) return false;
	addSequenceEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
	while (state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) {
		if (state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const entryLine = state.line;
		state.position++;
		const hadBreak = skipSeparationSpace(state, true) > 0;
		if (state.firstTabInLine !== -1 && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
		if (hadBreak && state.lineIndent <= nodeIndent) addEmptyScalarEvent(state);
		else parseNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
		skipSeparationSpace(state, true);
		if (state.lineIndent < nodeIndent || state.position >= state.length) break;
		if (state.lineIndent > nodeIndent) throwError(state, "bad indentation of a sequence entry");
		if (state.line === entryLine && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
	}
	addPopEvent(state);
	return true;
}
function readBlockMapping(state, nodeIndent, flowIndent, props) {
	let atExplicitKey = false;
	let detected = false;
	let mappingOpened = false;
	let pendingExplicitKey = false;
	if (state.firstTabInLine !== -1) return false;
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0) {
		if (!atExplicitKey && state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const following = state.input.charCodeAt(state.position + 1);
		const entryLine = state.line;
		if ((ch === 63 || ch === 58) && isWsOrEolOrEnd(following)) {
			if (!mappingOpened) {
				addMappingEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
				mappingOpened = true;
			}
			if (ch === 63) {
				if (atExplicitKey) addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = true;
			} else if (atExplicitKey) atExplicitKey = false;
			else {
				addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = false;
			}
			state.position += 1;
			pendingExplicitKey = true;
		} else {
			if (atExplicitKey) {
				addEmptyScalarEvent(state);
				atExplicitKey = false;
			}
			const beforeKey = snapshotState(state);
			if (!parseNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) break;
			if (state.line === entryLine) {
				ch = state.input.charCodeAt(state.position);
				while (isWhiteSpace(ch)) ch = state.input.charCodeAt(++state.position);
				if (ch === 58) {
					ch = state.input.charCodeAt(++state.position);
					if (!isWsOrEolOrEnd(ch)) throwError(state, "a whitespace character is expected after the key-value separator within a block mapping");
					if (!mappingOpened) {
						state.events.splice(beforeKey.eventsLength, 0, {
							type: EVENT_ID.MAPPING,
							start: beforeKey.position,
							anchorStart: props.anchorStart,
							anchorEnd: props.anchorEnd,
							tagStart: props.tagStart,
							tagEnd: props.tagEnd,
							style: COLLECTION_STYLE.BLOCK
						});
						mappingOpened = true;
					}
					detected = true;
					atExplicitKey = false;
					pendingExplicitKey = false;
				} else if (detected) throwError(state, "expected ':' after a mapping key");
				else {
					if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
						restoreState(state, beforeKey);
						return false;
					}
					return true;
				}
			} else if (detected) throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
			else {
				if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
					restoreState(state, beforeKey);
					return false;
				}
				return true;
			}
		}
		if (parseNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, pendingExplicitKey)) pendingExplicitKey = false;
		if (!atExplicitKey) {
			if (pendingExplicitKey) {
				addEmptyScalarEvent(state);
				pendingExplicitKey = false;
			}
		}
		skipSeparationSpace(state, true);
		ch = state.input.charCodeAt(state.position);
		if ((state.line === entryLine || state.lineIndent > nodeIndent) && ch !== 0) throwError(state, "bad indentation of a mapping entry");
		else if (state.lineIndent < nodeIndent) break;
	}
	if (!detected) return false;
	if (atExplicitKey) addEmptyScalarEvent(state);
	if (mappingOpened) addPopEvent(state);
	return true;
}
function parseNode(state, parentIndent, nodeContext, allowToSeek, allowCompact, allowPropertyMapping = true) {
	if (state.depth >= state.maxDepth) throwError(state, `nesting exceeded maxDepth (${state.maxDepth})`);
	state.depth++;
	let indentStatus = 1;
	let atNewLine = false;
	let hasContent = false;
	let propertyStart = null;
	const props = emptyProperties();
	let allowBlockScalars = nodeContext === CONTEXT_BLOCK_OUT || nodeContext === CONTEXT_BLOCK_IN;
	let allowBlockCollections = allowBlockScalars;
	const allowBlockStyles = allowBlockScalars;
	if (allowToSeek && skipSeparationSpace(state, true)) {
		atNewLine = true;
		if (state.lineIndent > parentIndent) indentStatus = 1;
		else if (state.lineIndent === parentIndent) indentStatus = 0;
		else indentStatus = -1;
	}
	if (indentStatus === 1) while (true) {
		const ch = state.input.charCodeAt(state.position);
		const propertyState = snapshotState(state);
		if (atNewLine && indentStatus !== 1 && (ch === 33 || ch === 38)) break;
		if (atNewLine && allowBlockStyles && (props.tagStart !== NO_RANGE$1 || props.anchorStart !== NO_RANGE$1) && (ch === 33 || ch === 38)) {
			const fallbackState = snapshotState(state);
			const flowIndent = parentIndent + 1;
			if (readBlockMapping(state, state.position - state.lineStart, flowIndent, props) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) {
				state.depth--;
				return true;
			}
			restoreState(state, fallbackState);
		}
		if (atNewLine && (ch === 33 && props.tagStart !== NO_RANGE$1 || ch === 38 && props.anchorStart !== NO_RANGE$1)) break;
		if (!readTagProperty(state, props, nodeContext === CONTEXT_FLOW_IN) && !readAnchorProperty(state, props)) break;
		if (propertyStart === null) propertyStart = propertyState;
		if (skipSeparationSpace(state, true)) {
			atNewLine = true;
			allowBlockCollections = allowBlockStyles;
			if (state.lineIndent > parentIndent) indentStatus = 1;
			else if (state.lineIndent === parentIndent) indentStatus = 0;
			else indentStatus = -1;
		} else allowBlockCollections = false;
	}
	if (allowBlockCollections) allowBlockCollections = atNewLine || allowCompact;
	if (indentStatus === 1 || nodeContext === CONTEXT_BLOCK_OUT) {
		const flowIndent = nodeContext === CONTEXT_FLOW_IN || nodeContext === CONTEXT_FLOW_OUT ? parentIndent : parentIndent + 1;
		const blockIndent = state.position - state.lineStart;
		if (indentStatus === 1) {
			if (allowBlockCollections && (readBlockSequence(state, blockIndent, props) || readBlockMapping(state, blockIndent, flowIndent, props)) || readFlowCollection(state, flowIndent, props)) hasContent = true;
			else {
				const ch = state.input.charCodeAt(state.position);
				if (propertyStart !== null && allowPropertyMapping && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62) {
					const fallbackState = snapshotState(state);
					const propertyIndent = propertyStart.position - propertyStart.lineStart;
					restoreState(state, propertyStart);
					if (readBlockMapping(state, propertyIndent, flowIndent, emptyProperties()) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) hasContent = true;
					else restoreState(state, fallbackState);
				}
				if (!hasContent && (allowBlockScalars && readBlockScalar(state, flowIndent, props) || readSingleQuotedScalar(state, flowIndent, props) || readDoubleQuotedScalar(state, flowIndent, props) || readAlias(state, props) || readPlainScalar(state, flowIndent, nodeContext, props))) hasContent = true;
			}
		} else if (indentStatus === 0) hasContent = allowBlockCollections && readBlockSequence(state, blockIndent, props);
	}
	allowBlockScalars = allowBlockScalars && !hasContent;
	if (!hasContent && (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1 || allowBlockScalars)) {
		addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN);
		hasContent = true;
	}
	state.depth--;
	return hasContent || props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1;
}
function readDirective(state) {
	if (state.lineIndent > 0 || state.input.charCodeAt(state.position) !== 37) return false;
	state.position++;
	const nameStart = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
	const name = state.input.slice(nameStart, state.position);
	const args = [];
	if (name.length === 0) throwError(state, "directive name must not be less than one character in length");
	while (state.input.charCodeAt(state.position) !== 0 && !isEol(state.input.charCodeAt(state.position))) {
		while (isWhiteSpace(state.input.charCodeAt(state.position))) state.position++;
		if (state.input.charCodeAt(state.position) === 35 || isEol(state.input.charCodeAt(state.position)) || state.input.charCodeAt(state.position) === 0) break;
		const start = state.position;
		while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
		args.push(state.input.slice(start, state.position));
	}
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	if (name === "YAML") {
		if (state.directives.some((directive) => directive.kind === "yaml")) throwError(state, "duplication of %YAML directive");
		if (args.length !== 1) throwError(state, "YAML directive accepts exactly one argument");
		const match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
		if (match === null) throwError(state, "ill-formed argument of the YAML directive");
		if (parseInt(match[1], 10) !== 1) throwError(state, "unacceptable YAML version of the document");
		state.directives.push({
			kind: "yaml",
			version: args[0]
		});
	} else if (name === "TAG") {
		if (args.length !== 2) throwError(state, "TAG directive accepts exactly two arguments");
		const [handle, prefix] = args;
		if (!PATTERN_TAG_HANDLE.test(handle)) throwError(state, "ill-formed tag handle (first argument) of the TAG directive");
		if (HAS_OWN.call(state.tagHandlers, handle)) throwError(state, `there is a previously declared suffix for "${handle}" tag handle`);
		if (!PATTERN_TAG_PREFIX.test(prefix)) throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
		state.tagHandlers[handle] = prefix;
		state.directives.push({
			kind: "tag",
			handle,
			prefix
		});
	}
	return true;
}
function readDocument(state) {
	state.directives = [];
	state.tagHandlers = Object.create(null);
	let hasDirectives = false;
	skipSeparationSpace(state, true);
	while (readDirective(state)) {
		hasDirectives = true;
		skipSeparationSpace(state, true);
	}
	let explicitStart = false;
	let explicitEnd = false;
	let allowCompact = true;
	if (state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 3))) {
		explicitStart = true;
		const markerLine = state.line;
		state.position += 3;
		skipSeparationSpace(state, true);
		allowCompact = state.line > markerLine;
	} else if (hasDirectives) throwError(state, "directives end mark is expected");
	const documentEventIndex = state.events.length;
	if (!explicitStart && state.position === state.lineStart && state.input.charCodeAt(state.position) === 46 && testDocumentSeparator(state)) {
		state.position += 3;
		skipSeparationSpace(state, true);
		return;
	}
	addDocumentEvent(state, explicitStart, false);
	if (!parseNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, allowCompact, allowCompact)) addEmptyScalarEvent(state);
	skipSeparationSpace(state, true);
	if (state.position === state.lineStart && testDocumentSeparator(state)) {
		explicitEnd = state.input.charCodeAt(state.position) === 46;
		if (explicitEnd) {
			const markerLine = state.line;
			state.position += 3;
			skipSeparationSpace(state, true);
			if (state.line === markerLine && state.position < state.length) throwError(state, "end of the stream or a document separator is expected");
		}
	}
	const documentEvent = state.events[documentEventIndex];
	if (documentEvent?.type === EVENT_ID.DOCUMENT) documentEvent.explicitEnd = explicitEnd;
	addPopEvent(state);
	if (!explicitEnd && state.position < state.length && !testDocumentBoundary(state)) throwError(state, "end of the stream or a document separator is expected");
}
/**
* Parses YAML into a flat event stream referencing source text by offsets.
*
* @category Events
*/
function parseEvents(input, options) {
	const length = input.length;
	const state = {
		...DEFAULT_PARSER_OPTIONS,
		...options,
		input: `${input}\0`,
		length,
		position: 0,
		line: 0,
		lineStart: 0,
		lineIndent: 0,
		firstTabInLine: -1,
		depth: 0,
		directives: [],
		tagHandlers: Object.create(null),
		events: []
	};
	const nullpos = input.indexOf("\0");
	if (nullpos !== -1) YAMLException.throwAt(input, nullpos, "null byte is not allowed in input", state.filename);
	while (state.position < state.length) {
		skipByteOrderMark(state);
		skipSeparationSpace(state, true);
		if (state.position >= state.length) break;
		const documentStart = state.position;
		readDocument(state);
		if (state.position === documentStart)
 /* c8 ignore next */
		throwError(state, "can not read a document");
	}
	return state.events;
}
//#endregion
//#region src/load.ts
var DEFAULT_LOAD_OPTIONS = {
	...DEFAULT_PARSER_OPTIONS,
	...DEFAULT_CONSTRUCTOR_OPTIONS
};
function loadDocuments(input, options = {}) {
	const opts = {
		...DEFAULT_LOAD_OPTIONS,
		...options
	};
	const source = String(input);
	const PARSER_OPT_KEYS = Object.keys(DEFAULT_PARSER_OPTIONS);
	const CONSTRUCTOR_OPT_KEYS = Object.keys(DEFAULT_CONSTRUCTOR_OPTIONS);
	return constructFromEvents(parseEvents(source, pick(opts, PARSER_OPT_KEYS)), {
		...pick(opts, CONSTRUCTOR_OPT_KEYS),
		source
	});
}
function loadAll(input, iteratorOrOptions, options) {
	let iterator = null;
	if (typeof iteratorOrOptions === "function") iterator = iteratorOrOptions;
	else if (iteratorOrOptions !== null && typeof iteratorOrOptions === "object") options = iteratorOrOptions;
	const documents = loadDocuments(input, options);
	if (iterator === null) return documents;
	for (const document of documents) iterator(document);
}
/**
* Parses `string` as a single YAML document. Throws {@link YAMLException} on
* error. This function does not understand multi-document or empty sources; it
* throws an exception on those.
*
* > [!NOTE]
* > 1. When processing untrusted input, see the
* >    [security considerations](../docs/safety.md).
* > 2. All exceptions MUST be caught, not just {@link YAMLException}.
* > 3. The default {@link CORE_SCHEMA} comes without the `!!merge` tag. You can
* >    easily enable it if needed.
* > 4. The default {@link mapTag} is `{}`-object based, with known limitations
* >    (see description). For full compatibility use {@link realMapTag}
* >    instead (it uses native JS `Map`).
*
* @example
* Enable {@link mergeTag} and {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag, realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Main
*/
function load(input, options) {
	const documents = loadDocuments(input, options);
	if (documents.length === 0) throw new YAMLException("expected a document, but the input is empty");
	if (documents.length === 1) return documents[0];
	throw new YAMLException("expected a single document in the stream, but found more");
}
//#endregion
//#region src/ast/from_js.ts
var INVALID = Symbol("INVALID");
function buildRepresentTypes(schema) {
	const defaultTags = new Set([
		schema.defaultScalarTag,
		schema.defaultSequenceTag,
		schema.defaultMappingTag
	].filter((t) => t !== void 0));
	const implicitScalars = schema.implicitScalarTags;
	const explicitTags = schema.tags.filter((t) => !(t.nodeKind === "scalar" && t.implicit) && !defaultTags.has(t));
	const defaultTagsLast = schema.tags.filter((t) => defaultTags.has(t));
	return [
		...implicitScalars.map((tag) => ({
			tag,
			implicitTag: true
		})),
		...explicitTags.map((tag) => ({
			tag,
			implicitTag: false
		})),
		...defaultTagsLast.map((tag) => ({
			tag,
			implicitTag: true
		}))
	];
}
function matchTag(state, object) {
	for (let index = 0, length = state.representTypes.length; index < length; index += 1) {
		const { tag, implicitTag } = state.representTypes[index];
		if (tag.identify(object)) {
			let tagName;
			if (tag.matchByTagPrefix) tagName = tag.representTagName(object);
			else tagName = tag.tagName;
			return {
				tag,
				tagName,
				implicitTag
			};
		}
	}
	return null;
}
function build(state, object) {
	if (!state.noRefs && object !== null && typeof object === "object") {
		const existing = state.refs.get(object);
		if (existing) {
			if (existing.anchor === void 0) existing.anchor = `ref_${state.refCounter++}`;
			return {
				kind: "alias",
				anchor: existing.anchor
			};
		}
	}
	const matched = matchTag(state, object);
	if (!matched) {
		if (object === void 0) return INVALID;
		if (state.skipInvalid) return INVALID;
		throw new YAMLException(`unacceptable kind of an object to dump ${Object.prototype.toString.call(object)}`);
	}
	const { tag, tagName, implicitTag } = matched;
	const nodeTagName = implicitTag ? tagName : tagNameShort(tagName);
	if (tag.nodeKind === "scalar") return {
		kind: "scalar",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: SCALAR_STYLE.PLAIN,
		value: tag.represent(object)
	};
	if (tag.nodeKind === "sequence") {
		const container = tag.represent(object);
		const node = {
			kind: "sequence",
			tag: nodeTagName,
			tagged: !implicitTag,
			style: COLLECTION_STYLE.BLOCK,
			items: []
		};
		if (!state.noRefs) state.refs.set(object, node);
		for (let index = 0, length = container.length; index < length; index += 1) {
			let item = build(state, container[index]);
			if (item === INVALID && container[index] === void 0) item = build(state, null);
			if (item === INVALID) continue;
			node.items.push(item);
		}
		return node;
	}
	const map = tag.represent(object);
	const node = {
		kind: "mapping",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: COLLECTION_STYLE.BLOCK,
		items: []
	};
	if (!state.noRefs) state.refs.set(object, node);
	for (const [objectKey, objectValue] of map) {
		const key = build(state, objectKey);
		if (key === INVALID) continue;
		const value = build(state, objectValue);
		if (value === INVALID) continue;
		node.items.push({
			key,
			value
		});
	}
	return node;
}
/**
* Convert JS object to AST. A JS value is one YAML document. An unrepresentable
* root becomes an empty document, which the presenter renders as an empty
* string.
*
* @category AST
*/
function jsToAst(input, schema, options = {}) {
	const root = build({
		representTypes: buildRepresentTypes(schema),
		noRefs: options.noRefs ?? false,
		skipInvalid: options.skipInvalid ?? false,
		refs: /* @__PURE__ */ new Map(),
		refCounter: 0
	}, input);
	return [{
		contents: root === INVALID ? null : root,
		directives: []
	}];
}
//#endregion
//#region src/ast/visit.ts
/**
* Return from a visitor to stop the whole traversal.
*
* @category AST
*/
var VISIT_BREAK = Symbol("visit:break");
/**
* Return from a visitor to skip the current node's children.
*
* @category AST
*/
var VISIT_SKIP = Symbol("visit:skip");
function visitNode(node, visitor, ctx) {
	const control = visitor(node, ctx);
	if (control === VISIT_BREAK) return true;
	if (control === VISIT_SKIP) return false;
	const depth = ctx.depth + 1;
	switch (node.kind) {
		case "sequence":
			for (const item of node.items) if (visitNode(item, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
			break;
		case "mapping": for (const { key, value } of node.items) {
			if (visitNode(key, visitor, {
				depth,
				parent: node,
				isKey: true
			})) return true;
			if (visitNode(value, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
		}
	}
	return false;
}
/**
* Walk every node in the documents, calling {@link Visitor} once per
* node (pre-order).
*
* @category AST
*/
function visit(documents, visitor) {
	for (const doc of documents) if (doc.contents && visitNode(doc.contents, visitor, {
		depth: 0,
		parent: null,
		isKey: false
	})) return;
}
//#endregion
//#region src/ast/styler_defaults.ts
function hasBit(mask, bit) {
	return (mask & 1 << bit) !== 0;
}
/**
* Default scalar styling rules in application order.
* See [Scalar styling](../../docs/scalar_styling.md) for usage details.
*
* @category AST
*/
var DEFAULT_SCALAR_STYLE_RULES = {
	applyQuoteFlowKeysOption,
	doubleQuoteForInvisibles,
	doubleQuoteWhitespaceOnly,
	applyForceQuotesOption,
	tryLongOrMultilineAsBlock,
	quoteInvalidPlain,
	fallbackToDoubleQuoted
};
function _preferredQuotedStyle(layout) {
	if (layout.presenterOptions.quoteStyle === "single" && hasBit(layout.allowedStylesMask, SCALAR_STYLE.SINGLE_QUOTED)) return SCALAR_STYLE.SINGLE_QUOTED;
	return SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyQuoteFlowKeysOption(layout) {
	if (!layout.presenterOptions.quoteFlowKeys) return;
	if (!layout.isKey || !layout.flowOnly || layout.style !== SCALAR_STYLE.PLAIN) return;
	layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteForInvisibles(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /[\t\x7F-\xA0\u2028\u2029\uFEFF\uFFFE\uFFFF]/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteWhitespaceOnly(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /^\s+$/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyForceQuotesOption(layout) {
	if (!layout.presenterOptions.forceQuotes) return;
	if (layout.isKey || layout.style !== SCALAR_STYLE.PLAIN) return;
	if (layout.node.tag !== layout.presenterOptions.schema.defaultScalarTag.tagName) return;
	layout.style = layout.node.value.includes("\n") ? SCALAR_STYLE.DOUBLE_QUOTED : _preferredQuotedStyle(layout);
}
function tryLongOrMultilineAsBlock(layout) {
	if (layout.style !== SCALAR_STYLE.PLAIN || layout.isKey) return;
	const value = layout.node.value;
	const multiline = value.indexOf("\n") !== -1;
	if (!hasBit(layout.allowedStylesMask, SCALAR_STYLE.LITERAL_BLOCK)) {
		if (multiline) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
		return;
	}
	const w = layout.presenterOptions.lineWidth;
	if (w === -1) {
		if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
		return;
	}
	const availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	let position = 0;
	let shouldFold = false;
	while (position <= value.length) {
		let lineEnd = value.length;
		const nextLineBreak = value.indexOf("\n", position);
		if (nextLineBreak !== -1) lineEnd = nextLineBreak;
		const line = value.slice(position, lineEnd);
		if (line.length > availableWidth && line[0] !== " " && / [^ \t]/.test(line)) shouldFold = true;
		if (nextLineBreak === -1) break;
		position = nextLineBreak + 1;
	}
	if (shouldFold) layout.style = SCALAR_STYLE.FOLDED_BLOCK;
	else if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
}
function quoteInvalidPlain(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && !hasBit(layout.allowedStylesMask, SCALAR_STYLE.PLAIN)) layout.style = _preferredQuotedStyle(layout);
}
function fallbackToDoubleQuoted(layout) {
	if (!hasBit(layout.allowedStylesMask, layout.style)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
//#endregion
//#region src/ast/scalar_styler.ts
function setBit(mask, bit) {
	return mask | 1 << bit;
}
var SRC_C_PRINTABLE = "[\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]";
var SRC_B_CHAR = "[\\n\\r]";
var SRC_C_BYTE_ORDER_MARK = "\\uFEFF";
var SRC_S_WHITE = "[ \\t]";
var SRC_NB_CHAR = `(?:(?!(?:${SRC_B_CHAR}|${SRC_C_BYTE_ORDER_MARK}))${SRC_C_PRINTABLE})`;
var SRC_NS_CHAR = `(?:(?!${SRC_S_WHITE})${SRC_NB_CHAR})`;
var SRC_NB_JSON = "[\\x09\\x20-\\uD7FF\\uE000-\\uFFFF\\u{10000}-\\u{10FFFF}]";
var SRC_C_INDICATOR = "[-?:,\\[\\]{}#&*!|>'\"%@`]";
var SRC_C_FLOW_INDICATOR = "[,\\[\\]{}]";
var SRC_NS_PLAIN_SAFE_FLOW_OUT = SRC_NS_CHAR;
var SRC_NS_PLAIN_SAFE_FLOW_IN = `(?:(?!${SRC_C_FLOW_INDICATOR})${SRC_NS_CHAR})`;
var SRC_NS_PLAIN_FIRST_FLOW_OUT = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))`;
var SRC_NS_PLAIN_FIRST_FLOW_IN = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))`;
var SRC_NS_PLAIN_CHAR_FLOW_OUT = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_OUT})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))#*`;
var SRC_NS_PLAIN_CHAR_FLOW_IN = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_IN})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))#*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_OUT})*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_IN})*`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_OUT = `${SRC_NS_PLAIN_FIRST_FLOW_OUT}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_IN = `${SRC_NS_PLAIN_FIRST_FLOW_IN}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_OUT;
var SRC_NS_PLAIN_ONE_LINE_FLOW_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_IN;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_OUT}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_IN}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT = `${SRC_NS_PLAIN_ONE_LINE_FLOW_OUT}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT})*`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_IN = `${SRC_NS_PLAIN_ONE_LINE_FLOW_IN}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN})*`;
var NS_PLAIN_FLOW_OUT = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT})$`, "u");
var NS_PLAIN_FLOW_IN = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_IN})$`, "u");
var NS_PLAIN_BLOCK_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY})$`, "u");
var NS_PLAIN_FLOW_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_FLOW_KEY})$`, "u");
var NB_SINGLE_ONE_LINE = new RegExp(`^(?:${SRC_NB_JSON})*$`, "u");
var NB_SINGLE_MULTI_LINE = new RegExp(`^(?:${SRC_NB_JSON}|\\n)*$`, "u");
var BLOCK_SCALAR_CONTENT = new RegExp(`^(?:${SRC_NB_CHAR}|\\n)*$`, "u");
var C_FORBIDDEN_FIRST_LINE = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/;
var C_FORBIDDEN_CONTENT = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/m;
function canUsePlain(layout) {
	const str = layout.node.value;
	if (str !== "") {
		if (!(layout.isKey ? layout.flowOnly ? NS_PLAIN_FLOW_KEY : NS_PLAIN_BLOCK_KEY : layout.flowOnly ? NS_PLAIN_FLOW_IN : NS_PLAIN_FLOW_OUT).test(str)) return false;
		if (layout.shiftOfFirstLine === 0 && C_FORBIDDEN_FIRST_LINE.test(str)) return false;
		if (layout.shiftOfContent === 0) {
			const firstLineBreak = str.indexOf("\n");
			if (firstLineBreak !== -1) {
				const content = str.slice(firstLineBreak + 1);
				if (C_FORBIDDEN_CONTENT.test(content)) return false;
			}
		}
	}
	const resolvedTag = layout.presenterOptions.schema.resolveImplicitScalarTag(str).tag.tagName;
	if (!layout.node.tagged && resolvedTag !== layout.node.tag) return false;
	if (!layout.node.tagged && str === "=" && resolvedTag === layout.presenterOptions.schema.defaultScalarTag.tagName) return false;
	return true;
}
function canUseSingleQuoted(layout) {
	const str = layout.node.value;
	if (!(layout.isKey ? NB_SINGLE_ONE_LINE : NB_SINGLE_MULTI_LINE).test(str)) return false;
	if (/[ \t]\n|\n[ \t]/.test(str)) return false;
	if (!layout.isKey && layout.shiftOfContent === 0) {
		const firstLineBreak = str.indexOf("\n");
		if (firstLineBreak !== -1 && C_FORBIDDEN_CONTENT.test(str.slice(firstLineBreak + 1))) return false;
	}
	return true;
}
function canUseBlock(layout) {
	if (layout.flowOnly || !BLOCK_SCALAR_CONTENT.test(layout.node.value)) return false;
	const contentIndent = layout.shiftOfContent - layout.shiftOfParent;
	if (contentIndent < 1) return false;
	if (contentIndent > 9 && /^\n* /.test(layout.node.value)) return false;
	if (layout.shiftOfContent === 0 && C_FORBIDDEN_CONTENT.test(layout.node.value)) return false;
	return true;
}
function detectAllowedStyles(layout) {
	let mask = setBit(0, SCALAR_STYLE.DOUBLE_QUOTED);
	if (canUsePlain(layout)) mask = setBit(mask, SCALAR_STYLE.PLAIN);
	if (canUseSingleQuoted(layout)) mask = setBit(mask, SCALAR_STYLE.SINGLE_QUOTED);
	if (canUseBlock(layout)) mask = setBit(setBit(mask, SCALAR_STYLE.LITERAL_BLOCK), SCALAR_STYLE.FOLDED_BLOCK);
	layout.allowedStylesMask = mask;
}
function renderScalar(layout) {
	switch (layout.style) {
		case SCALAR_STYLE.PLAIN: return renderPlain(layout);
		case SCALAR_STYLE.SINGLE_QUOTED: return renderSingleQuoted(layout);
		case SCALAR_STYLE.LITERAL_BLOCK: return renderLiteralBlock(layout);
		case SCALAR_STYLE.FOLDED_BLOCK: return renderFoldedBlock(layout);
		case SCALAR_STYLE.DOUBLE_QUOTED: return renderDoubleQuoted(layout);
	}
}
function renderPlain(layout) {
	return encodeFlowBreaks(layout.node.value, layout.shiftOfContent);
}
function renderSingleQuoted(layout) {
	return `'${encodeFlowBreaks(layout.node.value, layout.shiftOfContent).replace(/'/g, "''")}'`;
}
function renderLiteralBlock(layout) {
	const value = layout.node.value;
	return "|" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(value, layout.shiftOfContent));
}
function renderFoldedBlock(layout) {
	const value = layout.node.value;
	const w = layout.presenterOptions.lineWidth;
	let availableWidth = Infinity;
	if (w !== -1) availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	return ">" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(foldBlockScalar(value, availableWidth), layout.shiftOfContent));
}
function renderDoubleQuoted(layout) {
	return `"${escapeString(layout.node.value)}"`;
}
function encodeFlowBreaks(string, shiftOfContent) {
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) return string;
	const pad = " ".repeat(shiftOfContent);
	let result = string.slice(0, nextLF);
	const lineRe = /(\n+)([^\n]*)/g;
	lineRe.lastIndex = nextLF;
	let match;
	while (match = lineRe.exec(string)) {
		const breaks = match[1].length;
		const line = match[2];
		result += "\n".repeat(breaks + 1) + pad + line;
	}
	return result;
}
function indentString(string, spaces) {
	const indent = " ".repeat(spaces);
	let position = 0;
	let result = "";
	const length = string.length;
	while (position < length) {
		let line;
		const next = string.indexOf("\n", position);
		if (next === -1) {
			line = string.slice(position);
			position = length;
		} else {
			line = string.slice(position, next + 1);
			position = next + 1;
		}
		if (line.length && line !== "\n") result += indent;
		result += line;
	}
	return result;
}
function needIndentIndicator(string) {
	return /^\n* /.test(string);
}
function blockHeader(string, shiftOfParent, shiftOfContent) {
	const indentIndicator = needIndentIndicator(string) ? String(shiftOfContent - shiftOfParent) : "";
	const clip = string[string.length - 1] === "\n";
	return `${indentIndicator}${clip && (string[string.length - 2] === "\n" || string === "\n") ? "+" : clip ? "" : "-"}\n`;
}
function dropEndingNewline(string) {
	return string[string.length - 1] === "\n" ? string.slice(0, -1) : string;
}
function isMoreIndented(char) {
	return char === " " || char === "	";
}
function foldLine(line, width) {
	if (line === "" || isMoreIndented(line[0])) return line;
	const breakRe = / [^ \t]/g;
	let match;
	let start = 0;
	let end;
	let curr = 0;
	let next = 0;
	let result = "";
	while (match = breakRe.exec(line)) {
		next = match.index;
		if (next - start > width) {
			end = curr > start ? curr : next;
			result += `\n${line.slice(start, end)}`;
			start = end + 1;
		}
		curr = next;
	}
	result += "\n";
	if (line.length - start > width && curr > start) result += `${line.slice(start, curr)}\n${line.slice(curr + 1)}`;
	else result += line.slice(start);
	return result.slice(1);
}
function foldBlockScalar(string, width) {
	const lineRe = /(\n+)([^\n]*)/g;
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) nextLF = string.length;
	lineRe.lastIndex = nextLF;
	let result = foldLine(string.slice(0, nextLF), width);
	let prevMoreIndented = string[0] === "\n" || isMoreIndented(string[0]);
	let moreIndented;
	let match;
	while (match = lineRe.exec(string)) {
		const prefix = match[1];
		const line = match[2];
		moreIndented = line !== "" && isMoreIndented(line[0]);
		result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? "\n" : "") + foldLine(line, width);
		prevMoreIndented = moreIndented;
	}
	return result;
}
var CHARACTERS_TO_ESCAPE = /["\\\x00-\x1F\x7F-\xA0\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/gu;
function escapeCharacter(character) {
	switch (character) {
		case "\0": return "\\0";
		case "\x07": return "\\a";
		case "\b": return "\\b";
		case "	": return "\\t";
		case "\n": return "\\n";
		case "\v": return "\\v";
		case "\f": return "\\f";
		case "\r": return "\\r";
		case "\x1B": return "\\e";
		case "\"": return "\\\"";
		case "\\": return "\\\\";
		case "": return "\\N";
		case "\xA0": return "\\_";
		case "\u2028": return "\\L";
		case "\u2029": return "\\P";
	}
	const code = character.charCodeAt(0);
	const hex = code.toString(16).toUpperCase();
	if (code <= 255) return `\\x${"0".repeat(2 - hex.length)}${hex}`;
	return `\\u${"0".repeat(4 - hex.length)}${hex}`;
}
function escapeString(string) {
	return string.replace(CHARACTERS_TO_ESCAPE, escapeCharacter);
}
//#endregion
//#region src/ast/presenter.ts
var CHAR_LINE_FEED = 10;
var DEFAULT_PRESENTER_OPTIONS = {
	indent: 2,
	seqNoIndent: false,
	seqInlineFirst: true,
	lineWidth: 80,
	flowBracketPadding: false,
	flowSkipCommaSpace: false,
	flowSkipColonSpace: false,
	quoteFlowKeys: false,
	quoteStyle: "single",
	forceQuotes: false,
	scalarStyleRules: Object.keys(DEFAULT_SCALAR_STYLE_RULES).map((name) => Reflect.get(DEFAULT_SCALAR_STYLE_RULES, name)),
	tagBeforeAnchor: false
};
function nodeTagShort(node) {
	return node.tagged ? node.tag : tagNameShort(node.tag);
}
function createPresenterState(options) {
	const opts = {
		...DEFAULT_PRESENTER_OPTIONS,
		...options
	};
	if (opts.flowSkipColonSpace) opts.quoteFlowKeys = true;
	return {
		...opts,
		defaultScalarTagName: opts.schema.defaultScalarTag.tagName,
		openEnded: false
	};
}
function generateNextLine(state, level) {
	return `\n${" ".repeat(state.indent * level)}`;
}
function scalarLayout(state, node, parent, level, isKey, flowOnly) {
	return {
		node,
		parent,
		level,
		isKey,
		flowOnly,
		shiftOfParent: level === 0 ? -1 : state.indent * (level - 1),
		shiftOfContent: state.indent * Math.max(1, level),
		shiftOfFirstLine: level === 0 ? 0 : state.indent * level,
		presenterOptions: state,
		allowedStylesMask: 0,
		style: node.style
	};
}
function writeFlowSequence(state, level, node) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level, node.items[index], node, {}).text;
		if (index > 0) result += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		result += item;
	}
	const pad = state.flowBracketPadding && node.items.length > 0 ? " " : "";
	return `[${pad}${result}${pad}]`;
}
function writeBlockSequence(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level + 1, node.items[index], node, {
			block: true,
			compact: state.seqInlineFirst,
			isblockseq: true
		}).text;
		if (!compact || result !== "") result += generateNextLine(state, level);
		if (item === "" || CHAR_LINE_FEED === item.charCodeAt(0)) result += "-";
		else result += "- ";
		result += item;
	}
	return result;
}
function writeFlowMapping(state, level, node) {
	let result = "";
	for (const { key, value } of node.items) {
		let pairBuffer = "";
		if (result !== "") pairBuffer += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		const keyRender = writeNode(state, level, key, node, { iskey: true });
		const keyText = keyRender.text;
		const valueText = writeNode(state, level, value, node, {}).text;
		const sep = state.flowSkipColonSpace || valueText === "" ? "" : " ";
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = key.kind === "alias" || keyIsBareProps ? " " : "";
		pairBuffer += `${keyText}${keyColonSep}:${sep}${valueText}`;
		result += pairBuffer;
	}
	const pad = state.flowBracketPadding && result !== "" ? " " : "";
	return `{${pad}${result}${pad}}`;
}
function writeBlockMapping(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		let pairBuffer = "";
		if (!compact || result !== "") pairBuffer += generateNextLine(state, level);
		const { key, value } = node.items[index];
		const keyIsBlock = (key.kind === "mapping" || key.kind === "sequence") && key.style === COLLECTION_STYLE.BLOCK && key.items.length !== 0 || key.kind === "scalar" && (key.style === SCALAR_STYLE.LITERAL_BLOCK || key.style === SCALAR_STYLE.FOLDED_BLOCK);
		const keyRender = keyIsBlock ? writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			isblockseq: !cannotBeCompact(state, key, level + 1)
		}) : writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			iskey: true
		});
		const keyText = keyRender.text;
		const keyHasLineBreak = key.kind === "scalar" && key.value.indexOf("\n") !== -1;
		const keyIsTooLong = keyText.length > 1024 && /^[\s\S]{1025}/u.test(keyText);
		const explicitPair = keyIsBlock || keyHasLineBreak || keyIsTooLong;
		if (explicitPair) {
			if (keyText && CHAR_LINE_FEED === keyText.charCodeAt(0)) pairBuffer += "?";
			else pairBuffer += "? ";
		}
		pairBuffer += keyText;
		if (explicitPair) pairBuffer += generateNextLine(state, level);
		const valueText = writeNode(state, level + 1, value, node, {
			block: true,
			compact: explicitPair,
			isblockseq: explicitPair && !cannotBeCompact(state, value, level + 1)
		}).text;
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = !explicitPair && (key.kind === "alias" || keyIsBareProps) ? " " : "";
		if (valueText === "" || CHAR_LINE_FEED === valueText.charCodeAt(0)) pairBuffer += `${keyColonSep}:`;
		else pairBuffer += `${keyColonSep}: `;
		pairBuffer += valueText;
		result += pairBuffer;
	}
	return result;
}
function cannotBeCompact(state, node, level) {
	if (node.kind === "alias") return true;
	return node.tagged || node.anchor !== void 0 || state.indent < 2 && level > 0;
}
function writeNode(state, level, node, parent, ctx) {
	if (node.kind === "alias") {
		state.openEnded = false;
		return {
			text: `*${node.anchor}`,
			noBody: false
		};
	}
	const { block = false, iskey = false, isblockseq = false } = ctx;
	let compact = ctx.compact ?? false;
	const hasAnchor = node.anchor !== void 0;
	if (cannotBeCompact(state, node, level)) compact = false;
	let body;
	let shouldPrintTag = node.tagged;
	const useBlockCollection = block && (node.kind === "mapping" || node.kind === "sequence") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0;
	if (node.kind === "mapping") {
		if (useBlockCollection) body = writeBlockMapping(state, level, node, compact);
		else body = writeFlowMapping(state, level, node);
	} else if (node.kind === "sequence") {
		if (useBlockCollection) {
			if (state.seqNoIndent && !isblockseq && level > 0) body = writeBlockSequence(state, level - 1, node, compact);
			else body = writeBlockSequence(state, level, node, compact);
		} else body = writeFlowSequence(state, level, node);
	} else {
		const layout = scalarLayout(state, node, parent, level, iskey, !block);
		detectAllowedStyles(layout);
		for (const rule of state.scalarStyleRules) rule(layout);
		body = renderScalar(layout);
		state.openEnded = (layout.style === SCALAR_STYLE.LITERAL_BLOCK || layout.style === SCALAR_STYLE.FOLDED_BLOCK) && (node.value === "\n" || node.value.endsWith("\n\n"));
		shouldPrintTag = node.tagged || body === "" && layout.flowOnly && parent?.kind === "sequence" && !hasAnchor || layout.style !== SCALAR_STYLE.PLAIN && node.tag !== state.defaultScalarTagName;
	}
	if ((node.kind === "mapping" || node.kind === "sequence") && !useBlockCollection) state.openEnded = false;
	if (useBlockCollection && compact && level > 0 && state.indent > 2) body = `${" ".repeat(state.indent - 2)}${body}`;
	const noBody = body === "";
	let text = body;
	if (shouldPrintTag || hasAnchor) {
		const props = [];
		const tag = shouldPrintTag ? nodeTagShort(node) : null;
		const anchor = hasAnchor ? `&${node.anchor}` : null;
		if (state.tagBeforeAnchor) {
			if (tag !== null) props.push(tag);
			if (anchor !== null) props.push(anchor);
		} else {
			if (anchor !== null) props.push(anchor);
			if (tag !== null) props.push(tag);
		}
		const sep = body === "" || body.charCodeAt(0) === CHAR_LINE_FEED ? "" : " ";
		text = `${props.join(" ")}${sep}${body}`;
	}
	return {
		text,
		noBody
	};
}
function rootStartsOwnLine(node) {
	return (node.kind === "sequence" || node.kind === "mapping") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0 && !node.tagged && node.anchor === void 0;
}
function writeDocumentDirectives(doc) {
	let result = "";
	for (const directive of doc.directives) {
		if (directive.kind === "yaml") {
			result += `%YAML ${directive.version}\n`;
			continue;
		}
		const { handle, prefix } = directive;
		result += `%TAG ${handle} ${prefix}\n`;
	}
	return result;
}
/**
* Build YAML from AST.
*
* @category AST
*/
function present(documents, options) {
	const state = createPresenterState(options);
	let result = "";
	let previousEnded = false;
	for (let index = 0; index < documents.length; index += 1) {
		const doc = documents[index];
		state.openEnded = false;
		const directives = writeDocumentDirectives(doc);
		const hasDirectives = directives !== "";
		const marker = doc.explicitStart || hasDirectives || index > 0 && !previousEnded;
		result += directives;
		if (doc.contents === null) {
			if (marker) result += "---\n";
		} else if (marker) {
			const body = writeNode(state, 0, doc.contents, null, {
				block: true,
				compact: true
			}).text;
			const sep = body === "" ? "" : hasDirectives || rootStartsOwnLine(doc.contents) ? "\n" : " ";
			result += `---${sep}${body}\n`;
		} else result += writeNode(state, 0, doc.contents, null, {
			block: true,
			compact: true
		}).text + "\n";
		previousEnded = doc.explicitEnd || state.openEnded;
		if (previousEnded) result += "...\n";
	}
	return result;
}
//#endregion
//#region src/dump.ts
var DEFAULT_DUMP_OPTIONS = {
	...DEFAULT_PRESENTER_OPTIONS,
	schema: DUMP_SCHEMA,
	skipInvalid: false,
	noRefs: false,
	flowLevel: -1,
	sortKeys: false,
	transform: () => {}
};
function defaultCompareFn(a, b) {
	const x = String(a);
	const y = String(b);
	if (x < y) return -1;
	if (x > y) return 1;
	return 0;
}
/**
* Serializes JS object as a YAML document. By default it can dump every
* supported YAML type, so it throws an exception if you try to dump regexps or
* functions. However, you can disable exceptions by setting the
* {@link DumpOptions.skipInvalid} option to `true`.
*
* @category Main
*/
function dump(input, options = {}) {
	const opts = {
		...DEFAULT_DUMP_OPTIONS,
		...options
	};
	const documents = jsToAst(input, opts.schema, {
		noRefs: opts.noRefs,
		skipInvalid: opts.skipInvalid
	});
	if (opts.flowLevel >= 0) visit(documents, (node, ctx) => {
		if (ctx.depth < opts.flowLevel) return;
		if (node.kind === "sequence" || node.kind === "mapping") node.style = COLLECTION_STYLE.FLOW;
		return VISIT_SKIP;
	});
	if (opts.sortKeys) {
		const compareFn = opts.sortKeys === true ? defaultCompareFn : opts.sortKeys;
		visit(documents, (node) => {
			if (node.kind !== "mapping") return;
			node.items.sort((a, b) => compareFn(a.key.kind === "scalar" ? a.key.value : "", b.key.kind === "scalar" ? b.key.value : ""));
		});
	}
	opts.transform(documents);
	return present(documents, {
		...pick(opts, Object.keys(DEFAULT_PRESENTER_OPTIONS)),
		schema: opts.schema
	});
}
//#endregion
//#region src/ast/from_events.ts
var NO_RANGE = (/* unused pure expression or super */ null && (-1));
function eventPosition(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function rawTag(state, event) {
	return event.tagStart === NO_RANGE ? "" : state.source.slice(event.tagStart, event.tagEnd);
}
function anchorName(state, event) {
	return event.anchorStart === NO_RANGE ? void 0 : state.source.slice(event.anchorStart, event.anchorEnd);
}
function buildScalar(state, event) {
	const value = getScalarValue(state.source, event);
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw !== "") {
		tagged = true;
		tag = raw;
	} else if (event.style === SCALAR_STYLE.PLAIN) tag = state.schema.resolveImplicitScalarTag(value).tag.tagName;
	else tag = state.schema.defaultScalarTag.tagName;
	return {
		kind: "scalar",
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event),
		value
	};
}
function buildCollection(state, event, defaultTagName) {
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw === "") tag = defaultTagName;
	else {
		tag = raw;
		tagged = true;
	}
	return {
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event)
	};
}
function addNode(state, node) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") frame.doc.contents = node;
	else if (frame.kind === "sequence") frame.node.items.push(node);
	else if (frame.key) {
		frame.node.items.push({
			key: frame.key,
			value: node
		});
		frame.key = null;
	} else frame.key = node;
}
/**
* Builds an AST from parser events
*
* @category AST
*/
function eventsToAst(events, options) {
	const state = {
		source: options.source,
		schema: options.schema,
		eventIndex: 0,
		position: 0,
		frames: [],
		documents: []
	};
	while (state.eventIndex < events.length) {
		const event = events[state.eventIndex++];
		state.position = eventPosition(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT: {
				const doc = {
					contents: null,
					explicitStart: event.explicitStart,
					explicitEnd: event.explicitEnd,
					directives: event.directives
				};
				state.frames.push({
					kind: "document",
					doc
				});
				break;
			}
			case EVENT_ID.SCALAR:
				addNode(state, buildScalar(state, event));
				break;
			case EVENT_ID.SEQUENCE: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:seq");
				const node = {
					kind: "sequence",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "sequence",
					node
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:map");
				const node = {
					kind: "mapping",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "mapping",
					node,
					key: null
				});
				break;
			}
			case EVENT_ID.ALIAS:
				addNode(state, {
					kind: "alias",
					anchor: state.source.slice(event.anchorStart, event.anchorEnd)
				});
				break;
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.key) throw new Error("incomplete mapping pair in event stream");
				if (frame.kind === "document") state.documents.push(frame.doc);
				else addNode(state, frame.node);
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/index.ts
/** @deprecated Use `EVENT_ID.DOCUMENT` instead. @internal */
var EVENT_DOCUMENT = EVENT_ID.DOCUMENT;
/** @deprecated Use `EVENT_ID.SEQUENCE` instead. @internal */
var EVENT_SEQUENCE = EVENT_ID.SEQUENCE;
/** @deprecated Use `EVENT_ID.MAPPING` instead. @internal */
var EVENT_MAPPING = EVENT_ID.MAPPING;
/** @deprecated Use `EVENT_ID.SCALAR` instead. @internal */
var EVENT_SCALAR = EVENT_ID.SCALAR;
/** @deprecated Use `EVENT_ID.ALIAS` instead. @internal */
var EVENT_ALIAS = EVENT_ID.ALIAS;
/** @deprecated Use `EVENT_ID.POP` instead. @internal */
var EVENT_POP = EVENT_ID.POP;
/** @deprecated Use `SCALAR_STYLE.PLAIN` instead. @internal */
var SCALAR_STYLE_PLAIN = SCALAR_STYLE.PLAIN;
/** @deprecated Use `SCALAR_STYLE.SINGLE_QUOTED` instead. @internal */
var SCALAR_STYLE_SINGLE_QUOTED = SCALAR_STYLE.SINGLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.DOUBLE_QUOTED` instead. @internal */
var SCALAR_STYLE_DOUBLE_QUOTED = SCALAR_STYLE.DOUBLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.LITERAL_BLOCK` instead. @internal */
var SCALAR_STYLE_LITERAL_BLOCK = SCALAR_STYLE.LITERAL_BLOCK;
/** @deprecated Use `SCALAR_STYLE.FOLDED_BLOCK` instead. @internal */
var SCALAR_STYLE_FOLDED_BLOCK = SCALAR_STYLE.FOLDED_BLOCK;
/** @deprecated Use `COLLECTION_STYLE.BLOCK` instead. @internal */
var COLLECTION_STYLE_BLOCK = COLLECTION_STYLE.BLOCK;
/** @deprecated Use `COLLECTION_STYLE.FLOW` instead. @internal */
var COLLECTION_STYLE_FLOW = COLLECTION_STYLE.FLOW;
/** @deprecated Use `CHOMPING_MODE.CLIP` instead. @internal */
var CHOMPING_CLIP = CHOMPING_MODE.CLIP;
/** @deprecated Use `CHOMPING_MODE.STRIP` instead. @internal */
var CHOMPING_STRIP = CHOMPING_MODE.STRIP;
/** @deprecated Use `CHOMPING_MODE.KEEP` instead. @internal */
var CHOMPING_KEEP = CHOMPING_MODE.KEEP;
//#endregion


//# sourceMappingURL=js-yaml.mjs.map
;// CONCATENATED MODULE: ../../packages/core/src/yaml.ts
// Untrusted-YAML loading with positions. Values come from js-yaml's `load` (JSON schema: no custom types,
// duplicate keys rejected, no aliases); line/column for a JSON pointer come from the parser's event stream,
// computed only when a problem needs to be reported.


/** Parses one YAML document. Syntax errors become a `UserError` at js-yaml's mark. */
function parseYaml(text, file) {
    try {
        // Aliases are refused: a role map has no need for them and they let a small file expand enormously.
        return load(text, { schema: JSON_SCHEMA, filename: file, maxAliases: 0 });
    }
    catch (e) {
        if (!(e instanceof YAMLException))
            throw e;
        const empty = /input is empty/.test(e.reason);
        const rule = empty ? 'the file is empty' : `YAML syntax: ${withoutTokens(e.reason)}`;
        return e.mark
            ? raise(file, rule, { line: e.mark.line + 1, column: e.mark.column + 1 })
            : raise(file, rule, undefined);
    }
}
// Some reasons quote a tag or alias name from the file; keep the rule, drop the token.
function withoutTokens(reason) {
    return reason
        .replace(/"[^"]*"/g, '"…"')
        .replace(/!<[^>]*>/g, '!<…>')
        .replace(/(such characters): .*$/, '$1');
}
function raise(file, rule, at) {
    throw new errors_UserError({ file, ...at, rule });
}
/** Where a JSON pointer points in `text`: the key itself when `key` is set, otherwise the value. */
class Locator {
    text;
    index;
    lines;
    constructor(text) {
        this.text = text;
    }
    locate(pointer, key = false) {
        this.index ??= indexEvents(this.text);
        // Walk up to the nearest ancestor that exists (e.g. a missing key is reported at its parent).
        for (let p = pointer;; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
            const hit = this.index.get(p);
            if (hit)
                return this.position(key && p === pointer && hit.key !== undefined ? hit.key : hit.value);
            if (p === '')
                return undefined;
        }
    }
    position(offset) {
        if (!this.lines) {
            this.lines = [0];
            for (let i = 0; i < this.text.length; i++)
                if (this.text.charCodeAt(i) === 10)
                    this.lines.push(i + 1);
        }
        let lo = 0;
        let hi = this.lines.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.lines[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo + 1, column: offset - this.lines[lo] + 1 };
    }
}
function escapePointer(segment) {
    return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}
function indexEvents(text) {
    const out = new Map();
    let events;
    try {
        events = parseEvents(text, {});
    }
    catch {
        return out;
    }
    const stack = [];
    // The pointer of the node an event opens, and records a mapping key when the event is one.
    const place = (offset) => {
        const top = stack[stack.length - 1];
        if (!top) {
            out.set('', { value: offset });
            return '';
        }
        if (top.kind === 'seq') {
            const pointer = `${top.pointer}/${top.index++}`;
            out.set(pointer, { value: offset });
            return pointer;
        }
        if (!top.pendingKey)
            return undefined; // this node is a key
        const pointer = `${top.pointer}/${escapePointer(top.pendingKey.name)}`;
        out.set(pointer, { key: top.pendingKey.offset, value: offset });
        top.pendingKey = undefined;
        return pointer;
    };
    for (const ev of events) {
        switch (ev.type) {
            case EVENT_ID.MAPPING:
            case EVENT_ID.SEQUENCE: {
                const pointer = place(ev.start);
                stack.push({ pointer: pointer ?? '\0', kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq', index: 0 });
                break;
            }
            case EVENT_ID.SCALAR: {
                const start = ev.style === 2 || ev.style === 3 ? ev.valueStart - 1 : ev.valueStart; // include the quote
                const top = stack[stack.length - 1];
                if (top?.kind === 'map' && !top.pendingKey) {
                    top.pendingKey = { name: getScalarValue(text, ev), offset: start };
                }
                else {
                    place(start);
                }
                break;
            }
            case EVENT_ID.POP:
                stack.pop();
                break;
            default:
                break;
        }
    }
    return out;
}

;// CONCATENATED MODULE: ../../packages/core/src/config.ts
// Loads and checks .github/access/roles.yaml and guardrails.yaml. Anything wrong is a UserError naming
// file, line, column, field and rule; values from the files are never quoted. An empty or unparseable role
// map fails: it never means "no access for anyone".






const DEFAULT_ROLES_FILE = '.github/access/roles.yaml';
const DEFAULT_GUARDRAILS_FILE = '.github/access/guardrails.yaml';
/** Time-bound grants live beside the role map: `<roles file's folder>/grants.yaml`. */
const GRANTS_FILE_NAME = 'grants.yaml';
/**
 * The identifiers of the access files (role keys, groups, teams, org, channels, policies) as one text, without
 * the free-text descriptions: the words a plan, summary or output may carry that are never personal data.
 */
function accessIdentifiers(access) {
    return JSON.stringify(access, (key, value) => (key === 'description' || key === 'reason' ? undefined : value));
}
/** Reads and checks a role map file. */
function loadRoleMap(file) {
    return parseRoleMap(readText(file), file);
}
/** Checks role map text; `file` names it in errors. */
function parseRoleMap(text, file = 'roles.yaml') {
    return checkedRoles(text, file).roles;
}
function loadGuardrails(file) {
    return parseGuardrails(readText(file), file);
}
function parseGuardrails(text, file = 'guardrails.yaml') {
    const { data, locator } = checked(text, file, validateGuardrails, schemas.guardrails);
    const problems = [
        ...awsModeProblems(data.aws, locator, file),
        ...timeZoneProblems(data.dates, locator, file),
        ...grantPolicyProblems(data, locator, file),
    ];
    if (problems.length > 0)
        throw new errors_UserError(problems);
    return toGuardrails(data);
}
/** A policy a grant may attach must be one onramp's role may attach at all (aws.allowed-policies). */
function grantPolicyProblems(data, locator, file) {
    const allowed = new Set(data.aws?.['allowed-policies'] ?? []);
    const listed = data.grants?.allowed?.['aws-policies'] ?? [];
    return listed.flatMap((arn, i) => allowed.has(arn)
        ? []
        : [
            {
                file,
                ...locator.locate(`/grants/allowed/aws-policies/${i}`, false),
                field: `grants.allowed.aws-policies[${i}]`,
                rule: 'policy is not in guardrails aws.allowed-policies',
            },
        ]);
}
/** A zone name of the right shape that this runtime's time zone database does not know is refused here. */
function timeZoneProblems(dates, locator, file) {
    const zone = dates?.['time-zone'];
    if (zone === undefined)
        return [];
    try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return [];
    }
    catch {
        return [
            {
                file,
                ...locator.locate('/dates/time-zone', false),
                field: 'dates.time-zone',
                rule: 'not a known IANA time zone',
            },
        ];
    }
}
const IAM_USER_KEYS = ['user-path', 'permissions-boundary', 'allowed-policies'];
/** `aws.mode` decides which keys the aws section needs: Identity Center's, or the IAM-user ones, never both. */
function awsModeProblems(aws, locator, file) {
    if (!aws)
        return [];
    const problems = [];
    const at = (pointer, field, rule, atKey = false) => problems.push({ file, ...locator.locate(pointer, atKey), field, rule });
    if (aws.mode === 'identity-center') {
        if (!aws['identity-center'])
            at('/aws', 'aws', "missing required key 'identity-center' (aws.mode identity-center)");
        for (const key of IAM_USER_KEYS)
            if (key in aws)
                at(`/aws/${key}`, `aws.${key}`, 'only with aws.mode iam-users', true);
        const ic = aws['identity-center'];
        const instance = ic ? instanceIdOf(ic['instance-arn']) : undefined;
        ic?.['permission-sets']?.forEach((arn, i) => {
            if (instanceIdOf(arn) !== instance)
                at(`/aws/identity-center/permission-sets/${i}`, `aws.identity-center.permission-sets[${i}]`, 'permission set of another instance than aws.identity-center.instance-arn');
        });
    }
    else {
        for (const key of IAM_USER_KEYS)
            if (!(key in aws))
                at('/aws', 'aws', `missing required key '${key}' (aws.mode iam-users, the default)`);
        if ('identity-center' in aws)
            at('/aws/identity-center', 'aws.identity-center', 'only with aws.mode identity-center', true);
    }
    return problems;
}
/** `ssoins-…` of an instance or permission set ARN. */
function instanceIdOf(arn) {
    return arn ? /:(?:instance|permissionSet)\/((?:sso)?ins-[^/]+)/.exec(arn)?.[1] : undefined;
}
/** Loads both files and checks them against each other. */
function loadAccess(files = {}) {
    const rolesFile = files.rolesFile || DEFAULT_ROLES_FILE;
    const guardrailsFile = files.guardrailsFile || DEFAULT_GUARDRAILS_FILE;
    const grantsFile = (0,external_node_path_.join)((0,external_node_path_.dirname)(rolesFile), GRANTS_FILE_NAME);
    return parseAccess({
        roles: readText(rolesFile),
        rolesFile,
        guardrails: readText(guardrailsFile),
        guardrailsFile,
        ...((0,external_node_fs_.existsSync)(grantsFile) ? { grants: readText(grantsFile), grantsFile } : {}),
    });
}
function parseAccess(src) {
    const rolesFile = src.rolesFile ?? 'roles.yaml';
    const guardrailsFile = src.guardrailsFile ?? 'guardrails.yaml';
    // Report both files' problems together rather than one file per run.
    const problems = [];
    let roles;
    let guardrails;
    try {
        roles = checkedRoles(src.roles, rolesFile);
    }
    catch (e) {
        if (!(e instanceof errors_UserError))
            throw e;
        problems.push(...e.problems);
    }
    try {
        guardrails = parseGuardrails(src.guardrails, guardrailsFile);
    }
    catch (e) {
        if (!(e instanceof errors_UserError))
            throw e;
        problems.push(...e.problems);
    }
    if (roles && guardrails)
        problems.push(...crossCheck(roles.roles, roles.locator, rolesFile, guardrails));
    let grants = [];
    if (src.grants !== undefined && guardrails) {
        try {
            grants = parseGrants(src.grants, guardrails, src.grantsFile ?? GRANTS_FILE_NAME);
        }
        catch (e) {
            if (!(e instanceof errors_UserError))
                throw e;
            problems.push(...e.problems);
        }
    }
    if (problems.length > 0 || !roles || !guardrails)
        throw new errors_UserError(problems);
    return { roles: roles.roles, guardrails, grants };
}
/**
 * Checks grants.yaml against guardrails: ids unique, every item in `grants.allowed`, `until` a real date or
 * date-time. How long each grant lasts is checked against `grants.max-days` where the clock is known (the
 * step, the plan), from when the grant was first recorded.
 */
function parseGrants(text, guardrails, file = GRANTS_FILE_NAME) {
    const { data, locator } = checked(text, file, validateGrants, schemas.grants);
    const problems = [];
    const seen = new Set();
    const out = [];
    data.grants.forEach((g, i) => {
        const at = (pointer, field, rule) => problems.push({ file, ...locator.locate(`/grants/${i}${pointer}`, false), field: `grants[${i}]${field}`, rule });
        if (seen.has(g.id))
            at('/id', '.id', 'grant id listed twice');
        seen.add(g.id);
        const kinds = g.items;
        for (const p of grantItemProblems(kinds, guardrails, `grants[${i}].items`)) {
            const sub = (p.field ?? '')
                .slice(`grants[${i}]`.length)
                .replace(/\.([a-z-]+)/g, '/$1')
                .replace(/\[(\d+)\]/g, '/$1');
            problems.push({ file, ...locator.locate(`/grants/${i}${sub}`, false), field: p.field, rule: p.rule });
        }
        const until = untilMs(g.until, guardrails.dates.timeZone);
        if (until === undefined)
            at('/until', '.until', 'not a real date or date-time');
        out.push({
            id: g.id,
            employeeId: g.employee_id,
            items: grantItems(kinds),
            until: new Date(until ?? 0).toISOString(),
            reason: g.reason,
            index: i,
        });
    });
    if (problems.length > 0)
        throw new errors_UserError(problems);
    return out;
}
function crossCheck(map, locator, file, g) {
    const problems = [];
    const at = (pointer, field, rule) => problems.push({ file, ...locator.locate(pointer, true), field, rule });
    const allowed = new Set(g.aws?.allowedPolicies ?? []);
    for (const [name, role] of Object.entries(map.roles)) {
        const base = `/roles/${escapePointer(name)}`;
        const field = `roles.${name}`;
        if (role.github && !g.github)
            at(`${base}/github`, `${field}.github`, 'needs a github section in guardrails');
        if (role.slack && !g.slack)
            at(`${base}/slack`, `${field}.slack`, 'needs a slack section in guardrails');
        if (role.aws && !g.aws && !g.identityCenter)
            at(`${base}/aws`, `${field}.aws`, 'needs an aws section in guardrails');
        else if (role.aws && g.identityCenter)
            identityCenterRole(role, base, field, g.identityCenter);
        else if (role.aws?.identityCenter)
            at(`${base}/aws/identity-center`, `${field}.aws.identity-center`, 'needs guardrails aws.mode identity-center');
        else if (role.aws) {
            role.aws.policies.forEach((arn, i) => {
                if (!allowed.has(arn))
                    at(`${base}/aws/policies/${i}`, `${field}.aws.policies[${i}]`, 'policy is not in guardrails aws.allowed-policies');
            });
        }
    }
    return problems;
    /** A role in Identity Center mode: no IAM-user access, and only the allowlisted accounts, sets and groups. */
    function identityCenterRole(role, base, field, ic) {
        const aws = role.aws;
        const iamUser = (aws.groups.length ? ['groups'] : [])
            .concat(aws.policies.length ? ['policies'] : [])
            .concat(aws.console !== undefined ? ['console'] : []);
        for (const key of iamUser)
            at(`${base}/aws/${key}`, `${field}.aws.${key}`, 'IAM-user access: not used with guardrails aws.mode identity-center');
        const accounts = new Set(ic.accounts);
        const sets = new Set(ic.permissionSets);
        const groups = new Set(ic.groups);
        aws.identityCenter?.assignments.forEach((a, i) => {
            const p = `${base}/aws/identity-center/assignments/${i}`;
            const f = `${field}.aws.identity-center.assignments[${i}]`;
            if (!accounts.has(a.account))
                at(`${p}/account`, `${f}.account`, 'account is not in guardrails aws.identity-center.accounts');
            if (!sets.has(a.permissionSet))
                at(`${p}/permission-set`, `${f}.permission-set`, 'permission set is not in guardrails aws.identity-center.permission-sets');
        });
        aws.identityCenter?.groups.forEach((name, i) => {
            if (!groups.has(name))
                at(`${base}/aws/identity-center/groups/${i}`, `${field}.aws.identity-center.groups[${i}]`, 'group is not in guardrails aws.identity-center.groups');
        });
    }
}
function checkedRoles(text, file) {
    const { data, locator } = checked(text, file, validateRoles, schemas.roles);
    const roles = toRoleMap(data);
    const problems = [];
    for (const [name, role] of Object.entries(roles.roles)) {
        const seen = new Set();
        role.github?.teams.forEach((t, i) => {
            if (seen.has(t.slug)) {
                const pointer = `/roles/${escapePointer(name)}/github/teams/${i}`;
                problems.push({
                    file,
                    ...locator.locate(pointer),
                    field: `roles.${name}.github.teams[${i}]`,
                    rule: 'team listed twice',
                });
            }
            seen.add(t.slug);
        });
    }
    if (problems.length > 0)
        throw new errors_UserError(problems);
    return { roles, locator };
}
function readText(file) {
    try {
        return (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (e) {
        const code = e.code;
        throw new errors_UserError({
            file,
            rule: code === 'ENOENT' ? 'file not found' : `file cannot be read (${code ?? 'error'})`,
        });
    }
}
function checked(text, file, validate, schema) {
    const data = parseYaml(text, file);
    const locator = new Locator(text);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new errors_UserError({ file, line: 1, column: 1, rule: 'must be a mapping with version and its entries' });
    }
    if (!validate(data)) {
        const problems = explain(validate.errors ?? [], data, schema).map((p) => ({
            file,
            ...locator.locate(p.pointer, p.atKey),
            field: p.field,
            rule: p.rule,
        }));
        throw new errors_UserError(dedupe(problems));
    }
    return { data: data, locator };
}
// Turns ajv errors into rules a reviewer can act on. Uses keywords, key names and schema titles only.
function explain(errors, data, schema) {
    const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
    const out = [];
    for (const e of errors) {
        let pointer = e.instancePath;
        let atKey = false;
        if (e.keyword === 'propertyNames')
            continue; // the inner error names the key
        const propertyName = e.propertyName;
        if (typeof propertyName === 'string') {
            pointer = `${pointer}/${escapePointer(propertyName)}`;
            atKey = true;
        }
        // A team is a slug or a {slug, role} mapping: report only the branch that matches what was written.
        const branchOf = [...oneOfAt].find((p) => pointer === p || pointer.startsWith(`${p}/`));
        if (branchOf !== undefined) {
            const value = valueAt(data, branchOf);
            if (e.keyword === 'oneOf') {
                if (typeof value === 'string' || (value !== null && typeof value === 'object' && !Array.isArray(value)))
                    continue;
            }
            else if (typeof value === 'string' ? e.schemaPath.startsWith('#/oneOf/') : !e.schemaPath.startsWith('#/oneOf/1/'))
                continue;
        }
        let rule;
        switch (e.keyword) {
            case 'required':
                rule = `missing required key '${String(e.params.missingProperty)}'`;
                break;
            case 'additionalProperties':
                pointer = `${pointer}/${escapePointer(String(e.params.additionalProperty))}`;
                atKey = true;
                rule = 'unknown key';
                break;
            case 'const':
                rule = `must be ${JSON.stringify(e.params.allowedValue)}`;
                break;
            case 'enum':
                rule = `must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
                break;
            case 'oneOf':
                rule = 'must be a team slug or a mapping {slug, role: member|maintainer}';
                break;
            case 'minProperties':
                rule = pointer === '/roles' ? 'at least one role is required' : 'must not be empty';
                break;
            case 'pattern':
            case 'maxLength':
            case 'minLength': {
                const s = schemaAt(schema, e.schemaPath);
                rule = s?.title ? `not a valid ${s.title}: ${s.description ?? e.message}` : (e.message ?? e.keyword);
                break;
            }
            case 'uniqueItems':
                rule = `items ${String(e.params.j)} and ${String(e.params.i)} are the same`;
                break;
            default:
                rule = e.message ?? e.keyword;
        }
        out.push({ pointer, atKey, field: toField(pointer), rule });
    }
    return out;
}
function dedupe(problems) {
    const seen = new Set();
    return problems.filter((p) => {
        const k = `${p.field}\0${p.rule}`;
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    });
}
function schemaAt(schema, schemaPath) {
    // Only `#/$defs/<name>/…` and `#/properties/…` paths are absolute in the generated code.
    const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
    if (parts[0] !== '$defs' && parts[0] !== 'properties')
        return undefined;
    let node = schema;
    for (const part of parts)
        node = node && typeof node === 'object' ? node[part] : undefined;
    return node && typeof node === 'object' ? node : undefined;
}
function valueAt(data, pointer) {
    let node = data;
    for (const raw of pointer.split('/').slice(1)) {
        const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        node = node && typeof node === 'object' && Object.hasOwn(node, part) ? node[part] : undefined;
    }
    return node;
}
/** `/roles/backend/aws/policies/0` -> `roles.backend.aws.policies[0]`. */
function toField(pointer) {
    let out = '';
    for (const raw of pointer.split('/').slice(1)) {
        const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
    }
    return out;
}
// Schema-valid data -> the typed shapes, with defaults applied. Roles go into a null-prototype object so
// `__proto__`, `constructor` and friends are never found by lookup.
function toRoleMap(data) {
    const roles = Object.create(null);
    for (const [name, r] of Object.entries(data.roles)) {
        const role = { description: r.description };
        if (r.identity)
            role.identity = { groups: [...(r.identity.groups ?? [])] };
        if (r.github)
            role.github = {
                teams: (r.github.teams ?? []).map((t) => typeof t === 'string' ? { slug: t, role: 'member' } : { slug: t.slug, role: t.role ?? 'member' }),
            };
        if (r.aws) {
            role.aws = { groups: [...(r.aws.groups ?? [])], policies: [...(r.aws.policies ?? [])] };
            if (r.aws.console !== undefined)
                role.aws.console = r.aws.console;
            const ic = r.aws['identity-center'];
            if (ic)
                role.aws.identityCenter = {
                    assignments: (ic.assignments ?? []).map((a) => ({
                        account: a.account,
                        permissionSet: a['permission-set'],
                    })),
                    groups: [...(ic.groups ?? [])],
                };
        }
        if (r.slack)
            role.slack = { channels: [...(r.slack.channels ?? [])] };
        if (r.setup)
            role.setup = { repos: [...(r.setup.repos ?? [])] };
        roles[name] = role;
    }
    return { version: 1, roles };
}
function toGuardrails(d) {
    const g = {
        version: 1,
        emailDomains: [...d['email-domains']],
        events: { maxAgeSeconds: durationSeconds(d.events?.['max-age'] ?? '24h') },
        guard: { maxRemovals: d.guard?.['max-removals'] ?? 100, maxShare: (d.guard?.['max-share'] ?? 25) / 100 },
        dates: {
            timeZone: d.dates?.['time-zone'] ?? 'UTC',
            joiner: {
                githubDaysBefore: d.dates?.joiner?.['github-days-before'] ?? 0,
                awsDaysBefore: d.dates?.joiner?.['aws-days-before'] ?? 0,
                welcomeDaysBefore: d.dates?.joiner?.['welcome-days-before'] ?? 3,
            },
            leaver: {
                ...(d.dates?.leaver?.['deactivate-after-days'] !== undefined
                    ? { deactivateAfterDays: d.dates.leaver['deactivate-after-days'] }
                    : {}),
                ...(d.dates?.leaver?.['delete-after-days'] !== undefined
                    ? { deleteAfterDays: d.dates.leaver['delete-after-days'] }
                    : {}),
            },
        },
    };
    if (d.grants) {
        const a = d.grants.allowed ?? {};
        g.grants = {
            maxDays: d.grants['max-days'] ?? 30,
            allowed: {
                identityGroups: [...(a['identity-groups'] ?? [])],
                githubTeams: [...(a['github-teams'] ?? [])],
                awsPolicies: [...(a['aws-policies'] ?? [])],
                awsGroups: [...(a['aws-groups'] ?? [])],
                slackChannels: [...(a['slack-channels'] ?? [])],
            },
        };
    }
    if (d.github)
        g.github = {
            org: d.github.org,
            protectedLogins: [...(d.github['protected-logins'] ?? [])],
            maxInvitationResends: d.github['max-invitation-resends'] ?? 3,
            invitationCap: d.github['invitation-cap'] ?? 50,
            invitationDeadlineDays: d.github['invitation-deadline-days'] ?? 14,
            maxRemovals: d.github['max-removals'] ?? 10,
        };
    if (d.aws?.mode === 'identity-center') {
        const ic = d.aws['identity-center'];
        g.identityCenter = {
            instanceArn: ic['instance-arn'],
            identityStoreId: ic['identity-store-id'],
            region: ic.region,
            startUrl: ic['start-url'],
            users: ic.users ?? 'idp',
            onOffboard: ic['on-offboard'] ?? 'keep',
            accounts: [...ic.accounts],
            permissionSets: [...ic['permission-sets']],
            groups: [...(ic.groups ?? [])],
        };
    }
    else if (d.aws)
        g.aws = {
            userPath: d.aws['user-path'],
            permissionsBoundary: d.aws['permissions-boundary'],
            allowedPolicies: [...d.aws['allowed-policies']],
        };
    if (d.slack)
        g.slack = { announceChannel: d.slack['announce-channel'], alertsChannel: d.slack['alerts-channel'] };
    return g;
}
const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 };
/** `90m`, `24h`, `7d` (already checked by the schema) in seconds. */
function durationSeconds(s) {
    return Number(s.slice(0, -1)) * UNIT_SECONDS[s.slice(-1)];
}

;// CONCATENATED MODULE: ../../packages/core/src/email.ts
// Email addresses from HR events: normalised (NFC, trimmed, domain lower-cased), then validated again in
// their final form. Rules never quote the address.
const MAX_RAW = 1024; // refuse before normalising anything huge
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL = new RegExp(`^${ATEXT}(?:\\.${ATEXT})*$`);
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// '@' and characters that render like it (fullwidth, small, tag); any other non-ASCII fails later anyway.
const AT_LOOKALIKES = /[@\uFF20\uFE6B\u{E0040}]/u;
function normaliseEmail(raw) {
    const s = raw.normalize('NFC').trim();
    const at = s.lastIndexOf('@');
    return at < 0 ? s : s.slice(0, at) + s.slice(at).toLowerCase();
}
/**
 * Normalises and validates; `domains` is guardrails `email-domains` (exact, lower-case ASCII). A personal address
 * (`personal: true`) must be outside them: it is where mail goes before the work mailbox exists.
 */
function checkEmail(raw, domains, opts = {}) {
    if (raw.length > MAX_RAW)
        return fail('longer than 254 octets');
    const value = normaliseEmail(raw);
    const rule = emailRule(value, domains, opts.personal ?? false);
    if (rule)
        return fail(rule);
    // Normalising must be idempotent, or the stored form could validate differently next time.
    if (normaliseEmail(value) !== value)
        return fail('not in normal form');
    return { ok: true, value };
}
function emailRule(s, domains, personal) {
    if (s === '')
        return 'must not be empty';
    const ats = [...s].filter((c) => AT_LOOKALIKES.test(c));
    if (ats.some((c) => c !== '@'))
        return "contains a character that looks like '@' but is not";
    if (ats.length !== 1)
        return "must contain exactly one '@'";
    if (/[^\x21-\x7e]/.test(s))
        return 'must be ASCII without spaces or control characters';
    if (new TextEncoder().encode(s).length > 254)
        return 'longer than 254 octets';
    const at = s.indexOf('@');
    const local = s.slice(0, at);
    const domain = s.slice(at + 1);
    if (local.length === 0)
        return 'local part is empty';
    if (local.length > 64)
        return 'local part longer than 64 octets';
    // '%' and '!' route mail onwards through another host on some servers (user%host@relay, host!user@relay).
    if (/[%!]/.test(local))
        return "local part must not contain '%' or '!' (mail routing characters)";
    if (!LOCAL.test(local))
        return 'local part is not a valid dot-atom';
    if (domain.length > 253 || !domain.split('.').every((l) => LABEL.test(l)) || !domain.includes('.'))
        return 'domain is not a valid host name';
    if (personal)
        return domains.includes(domain) ? "is in the organization's email domains: give a personal address" : undefined;
    if (!domains.includes(domain))
        return 'domain not allowlisted';
    return undefined;
}
function fail(rule) {
    return { ok: false, rule };
}

;// CONCATENATED MODULE: ../../packages/core/src/name.ts
// Display names from HR events. A name is only ever shown, never turned into an identifier, so the rules
// keep it printable and honest: no control or bidi characters, no look-alike letters from another script
// inside one word, and none of the punctuation that only appears in markup or shell text.
const MAX_CODE_POINTS = 128;
const name_MAX_RAW = 1024;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
// Characters that render as nothing (Hangul fillers, the combining grapheme joiner, variation selectors, tag
// characters, Khmer inherent vowels, Mongolian variation selectors): a name made of or padded with them looks
// like another name, or like no name at all.
const INVISIBLE = 
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is matched on its own, by design
/[\u115F\u1160\u3164\uFFA0\u034F\u17B4\u17B5\u180B-\u180F\uFE00-\uFE0F\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/u;
// Zero-width joiner and non-joiner are needed by several scripts (checked below); other format characters hide text.
const FORMAT = /(?![\u200C\u200D])\p{Cf}/u;
const JOINER = /[\u200C\u200D]/u;
// Scripts whose spelling needs a zero-width (non-)joiner between letters: Persian, Urdu, the Indic scripts.
const JOINING_SCRIPTS = /\p{Script=Arabic}|\p{Script=Syriac}|\p{Script=Devanagari}|\p{Script=Bengali}|\p{Script=Gurmukhi}|\p{Script=Gujarati}|\p{Script=Oriya}|\p{Script=Tamil}|\p{Script=Telugu}|\p{Script=Kannada}|\p{Script=Malayalam}|\p{Script=Sinhala}/u;
// Latin look-alikes with no compatibility mapping: small capitals (IPA and phonetic extensions).
const SMALL_CAPITALS = /[\u0262\u026A\u0274\u0276\u0280\u028F\u0299\u029B\u029C\u029F\u1D00-\u1DBF\uA730\uA731\uA7AF]/u;
// A letter that is not a modifier (ʻ, ʼ) and not a filler: something a reader sees as a letter.
const VISIBLE_LETTER = /(?![\u115F\u1160\u3164\uFFA0])[\p{Lu}\p{Ll}\p{Lt}\p{Lo}]/u;
// Letters, marks, digits, spaces (ASCII and ideographic) and the punctuation real names use.
// U+02BB (ʻokina) is a letter (Lm); U+2019 is the apostrophe as typed in O’Brien; joiners are placed above.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is matched on its own, by design
const ALLOWED = /^[\p{L}\p{M}\p{Nd} \u3000'\u2019.,()\u00B7\u30FB\u200C\u200D-]+$/u;
const SCRIPTS = [
    'Latin',
    'Cyrillic',
    'Greek',
    'Armenian',
    'Georgian',
    'Hebrew',
    'Arabic',
    'Devanagari',
    'Bengali',
    'Gurmukhi',
    'Gujarati',
    'Tamil',
    'Telugu',
    'Kannada',
    'Malayalam',
    'Thai',
    'Ethiopic',
    'Han',
    'Hiragana',
    'Katakana',
    'Hangul',
];
const SCRIPT_RE = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')]);
// Scripts that are written together within one word.
const COMPATIBLE = [
    new Set(['Han', 'Hiragana', 'Katakana']),
    new Set(['Han', 'Hangul']),
];
function checkName(raw) {
    if (raw.length > name_MAX_RAW)
        return name_fail(`longer than ${MAX_CODE_POINTS} characters`);
    const value = raw.normalize('NFC').trim();
    if (value === '')
        return name_fail('must not be empty');
    if ([...value].length > MAX_CODE_POINTS)
        return name_fail(`longer than ${MAX_CODE_POINTS} characters`);
    if (/\p{Cc}/u.test(value))
        return name_fail('contains a control character (such as a newline)');
    if (BIDI.test(value))
        return name_fail('contains a bidirectional control character');
    if (INVISIBLE.test(value))
        return name_fail('contains an invisible or filler character');
    if (FORMAT.test(value))
        return name_fail('contains an invisible formatting character');
    if (!joinersBetweenLetters(value))
        return name_fail('has a zero-width joiner or non-joiner outside a word of a script that uses one');
    if (!ALLOWED.test(value))
        return name_fail("contains a character not allowed in a name (letters, digits, spaces and ' . , - ( ) only)");
    if (!VISIBLE_LETTER.test(value))
        return name_fail('contains no visible letter');
    if (SMALL_CAPITALS.test(value) || [...value].some(isCompatibilityLetter))
        return name_fail('contains a styled look-alike of a letter (mathematical, full-width, superscript or small capital)');
    for (const word of value.split(/[^\p{L}\p{M}]+/u)) {
        if (mixedScripts(word))
            return name_fail('mixes scripts within a word (look-alike characters)');
    }
    return { ok: true, value };
}
/** A letter whose compatibility form (NFKC) is another letter: 𝐀, Ａ, ᵃ, ﬁ and the like. */
function isCompatibilityLetter(ch) {
    return /\p{L}/u.test(ch) && ch.normalize('NFKC') !== ch;
}
/** Each U+200C / U+200D stands after a letter (or its marks) and before a letter, both of a joining script. */
function joinersBetweenLetters(value) {
    const chars = [...value];
    for (let i = 0; i < chars.length; i++) {
        if (!JOINER.test(chars[i]))
            continue;
        let before = i - 1;
        while (before >= 0 && /\p{M}/u.test(chars[before]))
            before--;
        const prev = chars[before];
        const next = chars[i + 1];
        if (!prev || !next || !JOINING_SCRIPTS.test(prev) || !JOINING_SCRIPTS.test(next))
            return false;
        if (!/\p{L}/u.test(prev) || !/\p{L}/u.test(next))
            return false;
    }
    return true;
}
function mixedScripts(word) {
    const seen = new Set();
    for (const ch of word) {
        // Letters shared by every script (ʻ U+02BB, ʼ U+02BC) belong to none.
        if (!/\p{L}/u.test(ch) || /\p{Script=Common}|\p{Script=Inherited}/u.test(ch))
            continue;
        seen.add(SCRIPT_RE.find(([, re]) => re.test(ch))?.[0] ?? 'other');
    }
    if (seen.size <= 1)
        return false;
    return !COMPATIBLE.some((set) => [...seen].every((s) => set.has(s)));
}
function name_fail(rule) {
    return { ok: false, rule };
}

;// CONCATENATED MODULE: ../../node_modules/.pnpm/canonicalize@5.1.0/node_modules/canonicalize/lib/canonicalize.js
function serializeString (value) {
  if (!value.isWellFormed()) {
    throw new Error('Lone surrogate is not allowed');
  }
  return JSON.stringify(value);
}

function serializePrimitive (value) {
  switch (typeof value) {
    case 'number':
      if (isNaN(value)) {
        throw new Error('NaN is not allowed');
      }
      if (!isFinite(value)) {
        throw new Error('Infinity is not allowed');
      }
      // For finite numbers String(value) would give identical output, but
      // JSON.stringify benchmarks faster on V8.
      return JSON.stringify(value);
    case 'string':
      return serializeString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      // null, or values JSON.stringify maps to undefined (undefined,
      // functions, symbols).
      return JSON.stringify(value);
  }
}

// Resolves a value to either its serialized primitive form (a string — or
// undefined, for values JSON.stringify drops) or a frame describing the
// container to descend into. Callers distinguish the two cases with
// `typeof result !== 'object'`.
//
// toJSON results are unwrapped here, and the wrapper objects stay in `seen`
// until the resolved subtree is fully serialized, so cycles introduced via
// toJSON are still detected.
function enterValue (value, seen) {
  let wrappers = null;
  while (value !== null && typeof value === 'object' && typeof value.toJSON === 'function') {
    if (seen.has(value)) {
      throw new Error('Circular reference detected');
    }
    seen.add(value);
    (wrappers ??= []).push(value);
    value = value.toJSON();
  }

  // Boxed Number/String/Boolean objects serialize as their primitive values,
  // mirroring how JSON.stringify treats them.
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    value = value.valueOf();
  }

  if (value === null || typeof value !== 'object') {
    if (wrappers !== null) {
      for (const wrapper of wrappers) seen.delete(wrapper);
    }
    return serializePrimitive(value);
  }

  if (seen.has(value)) {
    throw new Error('Circular reference detected');
  }
  seen.add(value);

  return {
    container: value,
    // null marks an array frame; object frames carry their sorted keys.
    // `sort()`'s default comparator orders by UTF-16 code unit, which is the
    // order JCS requires.
    keys: Array.isArray(value) ? null : Object.keys(value).sort(),
    // Next child to serialize; the frame resumes here after a nested
    // container's subtree completes.
    index: 0,
    // Whether no member has been emitted yet (controls comma placement).
    first: true,
    // toJSON wrappers to release from `seen` when this frame completes.
    wrappers
  };
}

function canonicalize (object) {
  if (object === null || typeof object !== 'object') {
    return serializePrimitive(object);
  }

  const seen = new Set();
  const root = enterValue(object, seen);
  if (typeof root !== 'object') {
    // A toJSON chain resolved the input to a primitive.
    return root;
  }

  let result = root.keys === null ? '[' : '{';
  const stack = [root];

  // Depth-first serialization with an explicit stack instead of recursion, so
  // nesting depth is bounded by heap size rather than call-stack size. The top
  // frame is the container currently being serialized: primitive children are
  // appended inline, while a nested container pushes a new frame and jumps
  // back to the outer loop. Because frame.index was already advanced, the
  // parent resumes at its next child once the subtree is done. Opening
  // brackets are emitted when a frame is pushed, closing brackets when it
  // completes.
  outer:
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const container = frame.container;

    // keys === null marks an array frame; otherwise keys holds the object's
    // sorted property names. Either way the iteration counter lives on the
    // frame itself (frame.index), so when a frame is resumed after a nested
    // container completes, the while condition continues at the first
    // unserialized child instead of restarting from the beginning.
    if (frame.keys === null) {
      while (frame.index < container.length) {
        const i = frame.index++;
        if (i > 0) {
          result += ',';
        }
        const element = container[i];
        // Inside arrays, JSON.stringify serializes values with no JSON
        // representation (undefined, symbols, functions) as null.
        const value = element === undefined || typeof element === 'symbol' || typeof element === 'function' ? null : element;
        if (value === null || typeof value !== 'object') {
          result += serializePrimitive(value);
          continue;
        }
        const child = enterValue(value, seen);
        if (typeof child !== 'object') {
          // A toJSON chain resolved the child to an already-serialized
          // primitive — or, when child is undefined, to a value with no JSON
          // representation, which becomes null inside arrays.
          result += child === undefined ? 'null' : child;
          continue;
        }
        result += child.keys === null ? '[' : '{';
        stack.push(child);
        continue outer;
      }
      result += ']';
    } else {
      const keys = frame.keys;
      while (frame.index < keys.length) {
        const key = keys[frame.index++];
        const value = container[key];
        // Inside objects, JSON.stringify omits properties whose value has no
        // JSON representation (undefined, symbols, functions).
        if (value === undefined || typeof value === 'symbol' || typeof value === 'function') {
          continue;
        }
        if (value === null || typeof value !== 'object') {
          // Commas are tracked with a flag rather than the key index: a
          // skipped key must not leave a stray comma behind.
          if (frame.first) {
            frame.first = false;
          } else {
            result += ',';
          }
          result += serializeString(key) + ':' + serializePrimitive(value);
          continue;
        }
        // The child must be resolved before the key is emitted: a toJSON
        // returning a value with no JSON representation drops the whole
        // property.
        const child = enterValue(value, seen);
        if (child === undefined) {
          continue;
        }
        if (frame.first) {
          frame.first = false;
        } else {
          result += ',';
        }
        result += serializeString(key) + ':';
        if (typeof child !== 'object') {
          result += child;
          continue;
        }
        result += child.keys === null ? '[' : '{';
        stack.push(child);
        continue outer;
      }
      result += '}';
    }

    // Frame complete. The container leaves `seen` so that a later, sibling
    // reference to the same object is not mistaken for a cycle.
    seen.delete(container);
    if (frame.wrappers !== null) {
      for (const wrapper of frame.wrappers) seen.delete(wrapper);
    }
    stack.pop();
  }

  return result;
}

;// CONCATENATED MODULE: ../../packages/core/src/signature.ts
// Event signatures: only the holder of an event key can send an event that changes access.
//
//   client_payload.signature = "t=<unix seconds>,v1=<hex HMAC-SHA256>"
//   signed bytes             = "<t>.<event_type>.<canonical JSON of client_payload without signature>"
//
// Canonical JSON is RFC 8785 (JCS), UTF-8. The event type is signed so that an onboard payload cannot be
// replayed as an offboard; `t` bounds how long a captured event stays usable. Several keys may be valid
// at once, for rotation; every comparison is constant-time.


const SIGNATURE_KEY = 'signature';
/** How far a signature's `t` may be ahead of this clock (clock skew between HR, relay and runner). */
const MAX_FUTURE_SKEW_SECONDS = 300;
const HEADER = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;
/** The exact bytes that are signed: `<t>.<event_type>.<JCS(payload without signature)>`. */
function signedBytes(t, eventType, payload) {
    const { [SIGNATURE_KEY]: _ignored, ...rest } = payload;
    const canonical = canonicalize(rest);
    if (canonical === undefined)
        throw new TypeError('payload cannot be canonicalized');
    return Buffer.from(`${t}.${eventType}.${canonical}`, 'utf8');
}
function mac(key, bytes) {
    return (0,external_node_crypto_.createHmac)('sha256', key).update(bytes).digest();
}
/**
 * Whether `given` is the HMAC-SHA256 of `bytes` under any of `keys` (empty keys ignored). Every key is tried, in
 * constant time, so the time taken does not tell which one (if any) matched.
 */
function hmacMatchesAnyKey(keys, bytes, given) {
    let matched = false;
    for (const key of keys)
        if (key && given.length === 32 && (0,external_node_crypto_.timingSafeEqual)(mac(key, bytes), given))
            matched = true;
    return matched;
}
/** The value of `client_payload.signature` for this event, signed at `now`. */
function signEvent(key, eventType, payload, now = new Date()) {
    const t = Math.floor(now.getTime() / 1000);
    return `t=${t},v1=${mac(key, signedBytes(t, eventType, payload)).toString('hex')}`;
}
/** Checks `payload.signature` against the event type and the rest of the payload. Never throws on input. */
function verifyEventSignature(eventType, payload, options) {
    const header = Object.hasOwn(payload, SIGNATURE_KEY) ? payload[SIGNATURE_KEY] : undefined;
    if (header === undefined)
        return { ok: false, reason: 'missing' };
    const m = typeof header === 'string' ? HEADER.exec(header) : null;
    if (!m)
        return { ok: false, reason: 'malformed' };
    const t = Number(m[1]);
    const given = Buffer.from(m[2] ?? '', 'hex');
    let bytes;
    try {
        bytes = signedBytes(t, eventType, payload);
    }
    catch {
        return { ok: false, reason: 'malformed' };
    }
    if (!hmacMatchesAnyKey(options.keys, bytes, given))
        return { ok: false, reason: 'mismatch' };
    const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
    if (t > nowSeconds + MAX_FUTURE_SKEW_SECONDS)
        return { ok: false, reason: 'future' };
    if (t < nowSeconds - options.maxAgeSeconds)
        return { ok: false, reason: 'expired' };
    return { ok: true, signedAt: new Date(t * 1000) };
}
/** One line for an annotation, naming the rule and never the signature or a key. */
const SIGNATURE_RULES = {
    missing: 'required: events that change access must be signed with the event key',
    malformed: 'must be "t=<unix seconds>,v1=<64 hex digits>"',
    mismatch: 'does not match the event type and payload under any accepted event key',
    future: `is dated more than ${MAX_FUTURE_SKEW_SECONDS / 60} minutes ahead of this runner's clock`,
    expired: 'is older than guardrails events.max-age',
};

;// CONCATENATED MODULE: ../../packages/core/src/event.ts
// Reads the triggering event into a LifecycleEvent. Fail closed: exact keys, strings only, bounded lengths,
// every problem collected, and a rule per field that never quotes the value.







/** The person's fields: flat in the version 1 payload, under `person` in version 2. */
const PERSON_KEYS = ['employee_id', 'name', 'email', 'role', 'manager_email', 'start_date', 'github_username'];
const PAYLOAD_KEYS = ['event_id', 'occurred_at', ...PERSON_KEYS];
const V2_KEYS = ['version', 'event_id', 'occurred_at', 'person', SIGNATURE_KEY];
/**
 * Version 2 only, under `person` (the flat version 1 payload has no room left in GitHub's ten top-level keys):
 * the personal email a joiner's welcome goes to, and when a leaver's access ends.
 */
const DATED_KEYS = ['personal_email', 'last_day', 'last_hour', 'urgent'];
// GitHub accepts at most 10 top-level client_payload keys and under 64 KB in all.
const MAX_PAYLOAD_KEYS = 10;
const MAX_PAYLOAD_BYTES = 65_536;
// The event file is GitHub's webhook payload (repository, sender, …): a few levels deep and a few KB. Checked
// without recursion before anything recurses into it (JSON.stringify and canonical JSON do).
const MAX_EVENT_DEPTH = 32;
const MAX_EVENT_NODES = 20_000;
/** Largest event file read (GITHUB_EVENT_PATH). */
const MAX_EVENT_FILE_BYTES = 1_048_576;
/** How far `occurred_at` may be ahead of the runner's clock. */
const MAX_FUTURE_SKEW_MS = MAX_FUTURE_SKEW_SECONDS * 1000;
const MAX_LENGTH = {
    employee_id: 64,
    event_id: 128,
    occurred_at: 40,
    name: 1024, // code units before normalising; the 128 code point rule applies after
    email: 1024,
    role: 64,
    manager_email: 1024,
    start_date: 10,
    github_username: 39,
};
const REQUIRED = {
    onboard: ['employee_id', 'event_id', 'occurred_at', 'name', 'email', 'role'],
    'role-change': ['employee_id', 'event_id', 'occurred_at', 'role'],
    offboard: ['employee_id', 'event_id', 'occurred_at'],
};
const event_EVENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ROLE_KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const GITHUB_LOGIN = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
const SAFE_KEY = /^[A-Za-z0-9_-]{1,40}$/;
function parseEvent(eventFile, eventName, access, overrides = {}, opts = {}) {
    const problems = [];
    const o = given(overrides);
    let parsed;
    // Inputs naming the person and the event type are a rerun whatever triggered the run: under workflow_call
    // the event file is the caller's, and its payload must not mix with the rerun.
    if (isRerun(o))
        parsed = fromRerun(eventFile, eventName, access, o, opts, problems);
    else if (eventName === 'repository_dispatch')
        parsed = fromDispatch(eventFile, access, o, opts, problems);
    else if (eventName === 'workflow_dispatch')
        parsed = fromRerun(eventFile, eventName, access, o, opts, problems);
    else
        problems.push({
            field: 'event',
            rule: 'must be repository_dispatch or workflow_dispatch, or the inputs must name employee-id and event-type',
        });
    if (problems.length > 0 || !parsed)
        throw new errors_UserError(problems.length > 0 ? problems : { field: 'event', rule: 'could not be read' });
    return parsed;
}
const isRerun = (o) => Boolean(o.employeeId && o.eventType);
function given(o) {
    const out = {};
    for (const k of ['employeeId', 'eventType', 'email', 'name', 'role'])
        if (o[k])
            out[k] = o[k];
    if (o.dryRun !== undefined)
        out.dryRun = o.dryRun;
    return out;
}
// Own properties only: nothing is read from Object.prototype.
function own(o, key) {
    return Object.hasOwn(o, key) ? o[key] : undefined;
}
function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}
/**
 * Depth and size of a JSON value, walked with an explicit stack: a deeply nested payload cannot overflow it.
 * The rule it breaks, or undefined. Check this before anything that recurses (JSON.stringify, canonical JSON).
 */
function eventShapeRule(value) {
    const stack = [[value, 0]];
    let nodes = 0;
    while (stack.length > 0) {
        const [v, depth] = stack.pop();
        if (++nodes > MAX_EVENT_NODES)
            return `has more than ${MAX_EVENT_NODES} values`;
        if (v === null || typeof v !== 'object')
            continue;
        if (depth >= MAX_EVENT_DEPTH)
            return `is nested more than ${MAX_EVENT_DEPTH} levels deep`;
        for (const child of Object.values(v))
            stack.push([child, depth + 1]);
    }
    return undefined;
}
function fromDispatch(file, access, o, opts, problems) {
    if (!isObject(file)) {
        problems.push({ field: 'event', rule: 'must be a JSON object' });
        return undefined;
    }
    const shape = eventShapeRule(file);
    if (shape) {
        problems.push({ field: 'event', rule: shape });
        return undefined;
    }
    // The event type is signed (an onboard payload must not pass as an offboard), so it comes from the event.
    const t = eventType(own(file, 'action'), 'action', problems);
    if (o.eventType !== undefined && o.eventType !== t)
        problems.push({ field: 'input.event-type', rule: "must be the HR event's own (signed) type" });
    const payload = own(file, 'client_payload');
    if (!isObject(payload)) {
        problems.push({ field: 'client_payload', rule: payload === undefined ? 'required' : 'must be an object' });
        return undefined;
    }
    if (JSON.stringify(payload).length >= MAX_PAYLOAD_BYTES) {
        problems.push({ field: 'client_payload', rule: 'larger than 64 KB' });
        return undefined;
    }
    if (!t || problems.length > 0)
        return undefined;
    if (!signed(t, payload, access, opts, problems))
        return undefined;
    const version = own(payload, 'version');
    const v2 = version !== undefined;
    if (v2 && version !== 2)
        problems.push({ field: 'client_payload.version', rule: 'must be 2 (or absent for the flat version 1 payload)' });
    const person = v2 ? own(payload, 'person') : payload;
    if (v2 && !isObject(person)) {
        problems.push({ field: 'client_payload.person', rule: person === undefined ? 'required' : 'must be an object' });
        return undefined;
    }
    const where = (k) => v2 && PERSON_KEYS.includes(k) ? `client_payload.person.${k}` : `client_payload.${k}`;
    checkKeys(payload, v2 ? V2_KEYS : [...PAYLOAD_KEYS, SIGNATURE_KEY], 'client_payload', problems);
    if (v2)
        checkKeys(person, [...PERSON_KEYS, ...DATED_KEYS], 'client_payload.person', problems);
    const p = {};
    for (const k of PAYLOAD_KEYS) {
        const field = where(k);
        const v = own(PERSON_KEYS.includes(k) ? person : payload, k);
        const overridden = overrideFor(k, o) !== undefined;
        if (v === undefined || v === null) {
            if (REQUIRED[t].includes(k) && !overridden)
                problems.push({ field, rule: `required for ${t}` });
            continue;
        }
        if (typeof v !== 'string') {
            problems.push({ field, rule: 'must be a string' });
            continue;
        }
        if (v.length > MAX_LENGTH[k]) {
            problems.push({ field, rule: `longer than ${MAX_LENGTH[k]} characters` });
            continue;
        }
        p[k] = v;
    }
    const e = {
        type: t,
        eventId: '',
        occurredAt: '',
        employeeId: '',
        source: 'repository_dispatch',
        dryRun: o.dryRun ?? false,
    };
    fill(e, p, where, access, problems);
    if (v2)
        dated(e, person, access, problems);
    applyOverrides(e, o, access, problems);
    const now = (opts.now ?? (() => new Date()))();
    if (e.occurredAt && eventInstant(e.occurredAt) > BigInt(now.getTime() + MAX_FUTURE_SKEW_MS) * 1000000n)
        problems.push({
            field: 'client_payload.occurred_at',
            rule: `is more than ${MAX_FUTURE_SKEW_SECONDS / 60} minutes ahead of this runner's clock`,
        });
    if (problems.length > 0)
        return undefined;
    return e;
}
function checkKeys(o, allowed, at, problems) {
    const keys = Object.keys(o);
    if (keys.length > MAX_PAYLOAD_KEYS)
        problems.push({ field: at, rule: `has more than ${MAX_PAYLOAD_KEYS} keys` });
    for (const k of keys)
        if (!allowed.includes(k))
            problems.push(SAFE_KEY.test(k) ? { field: `${at}.${k}`, rule: 'unknown key' } : { field: at, rule: 'has an unknown key' });
}
/** Whether the payload carries a valid signature under an accepted key; a refusal names the rule only. */
function signed(type, payload, access, opts, problems) {
    const keys = (opts.eventKeys ?? []).filter(Boolean);
    if (keys.length === 0) {
        problems.push({ field: 'with.event-key', rule: EVENT_KEY_MISSING });
        return false;
    }
    const check = verifyEventSignature(type, payload, {
        keys,
        now: (opts.now ?? (() => new Date()))(),
        maxAgeSeconds: access.guardrails.events.maxAgeSeconds,
    });
    if (check.ok)
        return true;
    problems.push({ field: `client_payload.${SIGNATURE_KEY}`, rule: SIGNATURE_RULES[check.reason] });
    return false;
}
/** The refusal when the action has no event key: what to set, never a value. */
const EVENT_KEY_EXPRESSION = ['$', '{{ secrets.ONRAMP_EVENT_KEY }}'].join('');
const EVENT_KEY_MISSING = 'not set, so no HR event is accepted: set the ONRAMP_EVENT_KEY secret (the key the relay signs events with) ' +
    `and pass it to every onramp action as \`event-key: ${EVENT_KEY_EXPRESSION}\` (docs/install.md)`;
function overrideFor(k, o) {
    if (k === 'employee_id')
        return o.employeeId;
    if (k === 'email' || k === 'name' || k === 'role')
        return o[k];
    return undefined;
}
function fromRerun(file, eventName, access, o, opts, problems) {
    let employeeId = o.employeeId;
    let type = o.eventType !== undefined ? rerunType(o.eventType, 'input.event-type', problems) : undefined;
    // Reruns default to a dry run: a person has to ask for changes explicitly.
    let dryRun = true;
    if (eventName === 'workflow_dispatch') {
        const inputs = isObject(file) ? own(file, 'inputs') : undefined;
        if (!isObject(inputs)) {
            problems.push({ field: 'inputs', rule: 'required' });
            return undefined;
        }
        const id = own(inputs, 'employee-id');
        if (employeeId === undefined) {
            if (typeof id !== 'string' || id === '')
                problems.push({
                    field: 'inputs.employee-id',
                    rule: id === undefined || id === '' ? 'required' : 'must be a string',
                });
            else
                employeeId = id;
        }
        if (type === undefined)
            type = rerunType(own(inputs, 'event-type'), 'inputs.event-type', problems);
        const dr = own(inputs, 'dry-run');
        if (dr === true || dr === 'true')
            dryRun = true;
        else if (dr === false || dr === 'false')
            dryRun = false;
        else if (dr !== undefined && dr !== '')
            problems.push({ field: 'inputs.dry-run', rule: "must be 'true' or 'false'" });
    }
    if (o.dryRun !== undefined)
        dryRun = o.dryRun;
    const field = o.employeeId !== undefined ? 'input.employee-id' : 'inputs.employee-id';
    if (employeeId !== undefined && (employeeId.length > 64 || !EMPLOYEE_ID_PATTERN.test(employeeId))) {
        problems.push({ field, rule: EMPLOYEE_ID_RULE });
        return undefined;
    }
    if (!type || employeeId === undefined)
        return undefined;
    const now = (opts.now ?? (() => new Date()))();
    const run = opts.runId && event_EVENT_ID.test(opts.runId) ? opts.runId : 'local';
    const offboardNow = type === 'offboard-now';
    const e = {
        type: offboardNow ? 'offboard' : type,
        // A rerun is not an HR event: the ledger supplies the person's last HR event and details. An emergency
        // offboard is an event of its own, one per workflow run, dated when the run reads it.
        eventId: `${offboardNow ? 'offboard-now' : 'rerun'}-${run}`,
        occurredAt: now.toISOString(),
        employeeId,
        source: 'workflow_dispatch',
        dryRun,
        ...(offboardNow ? { offboardNow } : {}),
    };
    applyOverrides(e, { ...o, employeeId: undefined }, access, problems);
    return problems.length > 0 ? undefined : e;
}
/** One of `allowed` (the HR event types, or those a rerun may name), or a problem naming the field. */
function oneOf(allowed, v, field, problems) {
    if (typeof v === 'string' && allowed.includes(v))
        return v;
    problems.push({
        field,
        rule: v === undefined
            ? 'required'
            : typeof v !== 'string'
                ? 'must be a string'
                : `must be one of ${allowed.join(', ')}`,
    });
    return undefined;
}
const rerunType = (v, field, problems) => oneOf(RERUN_TYPES, v, field, problems);
const eventType = (v, field, problems) => oneOf(EVENT_TYPES, v, field, problems);
function fill(e, p, where, access, problems) {
    const bad = (k, rule) => problems.push({ field: where(k), rule });
    if (p.employee_id !== undefined) {
        if (EMPLOYEE_ID_PATTERN.test(p.employee_id))
            e.employeeId = p.employee_id;
        else
            bad('employee_id', EMPLOYEE_ID_RULE);
    }
    if (p.event_id !== undefined) {
        if (event_EVENT_ID.test(p.event_id))
            e.eventId = p.event_id;
        else
            bad('event_id', 'must be 1-128 of A-Z a-z 0-9 . _ : -');
    }
    if (p.occurred_at !== undefined) {
        if (isDateTime(p.occurred_at))
            e.occurredAt = p.occurred_at;
        else
            bad('occurred_at', 'must be an ISO 8601 date-time with seconds and an offset, e.g. 2026-01-05T09:00:00Z');
    }
    if (p.start_date !== undefined) {
        if (isCalendarDate(p.start_date))
            e.startDate = p.start_date;
        else
            bad('start_date', 'must be an ISO 8601 date (YYYY-MM-DD)');
    }
    if (p.github_username !== undefined) {
        if (GITHUB_LOGIN.test(p.github_username))
            e.githubUsername = p.github_username;
        else
            bad('github_username', 'must be a GitHub login: letters, digits and single hyphens, at most 39');
    }
    person(e, { email: p.email, name: p.name, role: p.role, manager_email: p.manager_email }, where, access, problems);
}
/** The version 2 person's dated fields: each checked, and allowed only with the event type it means something for. */
function dated(e, person, access, problems) {
    const bad = (k, rule) => problems.push({ field: `client_payload.person.${k}`, rule });
    const personal = own(person, 'personal_email');
    if (personal !== undefined) {
        if (typeof personal !== 'string')
            bad('personal_email', 'must be a string');
        else {
            const r = checkEmail(personal, access.guardrails.emailDomains, { personal: true });
            if (r.ok)
                e.personalEmail = r.value;
            else
                bad('personal_email', r.rule);
        }
    }
    const lastDay = own(person, 'last_day');
    if (lastDay !== undefined) {
        if (e.type !== 'offboard')
            bad('last_day', 'only for offboard');
        else if (typeof lastDay !== 'string' || !isCalendarDate(lastDay))
            bad('last_day', 'must be an ISO 8601 date (YYYY-MM-DD)');
        else
            e.lastDay = lastDay;
    }
    const lastHour = own(person, 'last_hour');
    if (lastHour !== undefined) {
        if (lastDay === undefined)
            bad('last_hour', 'only with last_day');
        else if (typeof lastHour !== 'number' || !Number.isInteger(lastHour) || lastHour < 0 || lastHour > 23)
            bad('last_hour', 'must be a whole hour from 0 to 23 (the organization time zone)');
        else
            e.lastHour = lastHour;
    }
    const urgent = own(person, 'urgent');
    if (urgent !== undefined) {
        if (e.type !== 'offboard')
            bad('urgent', 'only for offboard');
        else if (typeof urgent !== 'boolean')
            bad('urgent', 'must be true or false');
        else if (urgent)
            e.urgent = true;
    }
}
function applyOverrides(e, o, access, problems) {
    if (o.employeeId !== undefined) {
        if (EMPLOYEE_ID_PATTERN.test(o.employeeId))
            e.employeeId = o.employeeId;
        else
            problems.push({ field: 'input.employee-id', rule: EMPLOYEE_ID_RULE });
    }
    person(e, { email: o.email, name: o.name, role: o.role }, (k) => `input.${k}`, access, problems);
}
function person(e, p, where, access, problems) {
    const bad = (k, rule) => problems.push({ field: where(k), rule });
    const domains = access.guardrails.emailDomains;
    if (p.email !== undefined) {
        const r = checkEmail(p.email, domains);
        if (r.ok)
            e.email = r.value;
        else
            bad('email', r.rule);
    }
    if (p.manager_email !== undefined) {
        const r = checkEmail(p.manager_email, domains);
        if (r.ok)
            e.managerEmail = r.value;
        else
            bad('manager_email', r.rule);
    }
    if (p.name !== undefined) {
        const r = checkName(p.name);
        if (r.ok)
            e.name = r.value;
        else
            bad('name', r.rule);
    }
    if (p.role !== undefined) {
        // Exact own key only: no trimming, no case folding, nothing from Object.prototype.
        if (Object.hasOwn(access.roles.roles, p.role))
            e.role = p.role;
        else if (e.type === 'offboard' && ROLE_KEY.test(p.role) && p.role.length <= 64)
            e.role = p.role;
        else
            bad('role', 'not a role in roles.yaml');
    }
}
function isDateTime(s) {
    const m = DATE_TIME.exec(s);
    if (!m)
        return false;
    const [, , , , h, mi, sec, , zone, oh, om] = m;
    if (!isCalendarDate(s.slice(0, 10)))
        return false;
    if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59)
        return false;
    if (zone !== 'Z' && (Number(oh) > 23 || Number(om) > 59))
        return false;
    return !Number.isNaN(Date.parse(s));
}
/** The instant of an ISO 8601 date-time in nanoseconds since the epoch (Date keeps only milliseconds). */
function eventInstant(iso) {
    const m = DATE_TIME.exec(iso);
    if (!m || !isDateTime(iso))
        throw new errors_UserError({ field: 'occurred_at', rule: 'not an ISO 8601 date-time' });
    const fraction = m[7] ?? '';
    const ms = Date.parse(iso.replace(fraction, ''));
    const ns = BigInt((fraction.slice(1) || '0').padEnd(9, '0'));
    return BigInt(ms) * 1000000n + ns;
}
/** Whether `a` happened strictly after `b` (instants, so offsets do not matter). */
function isNewer(a, b) {
    return eventInstant(a) > eventInstant(b);
}
/** Refuses an event older than the last one applied for the person. Equal instants are not refused. */
function assertNotStale(event, lastOccurredAt) {
    if (lastOccurredAt === undefined || event.source !== 'repository_dispatch')
        return;
    if (eventInstant(event.occurredAt) < eventInstant(lastOccurredAt))
        throw new errors_UserError({
            field: 'client_payload.occurred_at',
            rule: 'older than the last event applied for this person',
        });
}
/** What identifies the event and travels between jobs as outputs: never personal data (declarePublicData). */
function event_publicIds(event) {
    return [event.employeeId, event.eventId, event.type, event.role, event.githubUsername, 'true', 'false'];
}
/** Event keys from the `event-key` input: one per line or comma-separated (several during a rotation). */
function parseEventKeys(raw) {
    return (raw ?? '')
        .split(/[\n,]/)
        .map((k) => k.trim())
        .filter(Boolean);
}
/** The runner's event file (GITHUB_EVENT_PATH) as JSON, bounded before it is read; `{}` when there is none. */
function readEventFile(env) {
    if (!env.GITHUB_EVENT_PATH)
        return {};
    let text;
    try {
        // GitHub's own event files are a few KB.
        if ((0,external_node_fs_.statSync)(env.GITHUB_EVENT_PATH).size > MAX_EVENT_FILE_BYTES)
            throw new errors_UserError({ field: 'GITHUB_EVENT_PATH', rule: 'event file larger than 1 MB' });
        text = (0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8');
    }
    catch (e) {
        if (e instanceof errors_UserError)
            throw e;
        throw new errors_UserError({ field: 'GITHUB_EVENT_PATH', rule: 'must name a readable JSON event file' });
    }
    try {
        // JSON.parse itself does not recurse; parseEvent checks depth before anything that does.
        return JSON.parse(text);
    }
    catch {
        throw new errors_UserError({ field: 'GITHUB_EVENT_PATH', rule: 'must name a readable JSON event file' });
    }
}
/**
 * The event the runner names (GITHUB_EVENT_PATH, GITHUB_EVENT_NAME), with an action's explicit inputs applied.
 * An HR event must be signed with one of `inputs.eventKey`'s keys.
 */
function readRunnerEvent(access, inputs, env = process.env, opts = {}) {
    const file = readEventFile(env);
    // On a rerun the workflow's own typed dry-run input decides both ways; on an HR event it can only force one.
    const dryRun = isRerun(inputs) ? inputs.dryRun : inputs.dryRun ? true : undefined;
    return parseEvent(file, env.GITHUB_EVENT_NAME ?? '', access, { ...inputs, dryRun }, { runId: env.GITHUB_RUN_ID, eventKeys: parseEventKeys(inputs.eventKey), now: opts.now });
}
// The wake-up of a drain. lifecycle.yml's identity job runs one wave of the people pending, so that the later
// systems start on them while the identity provider works through the next; when it left people pending, the
// run sends this repository_dispatch and a new run takes the next wave through every system. It carries no
// person and no data, so it needs no signature: a drain runs only HR events that were signed and verified (and,
// for joiners, reviewed) in their own run, and a wake-up sent by anyone else only runs that work sooner.
/** The repository_dispatch event type of a wake-up. */
const WAKE_EVENT = 'drain';
/** A drain's queue: joiners and movers (reviewed), or leavers (their own environment and groups). */
const QUEUES = (/* unused pure expression or super */ null && (['joiners', 'leavers']));
const queueOf = (type) => (type === 'offboard' ? 'leavers' : 'joiners');
/**
 * The wake-up in a repository_dispatch event file, or undefined when the event is not one. Its payload is
 * exactly `{ "queue": "joiners" | "leavers" }`.
 */
function parseWake(file) {
    if (!isObject(file) || file.action !== WAKE_EVENT)
        return undefined;
    const payload = file.client_payload ?? {};
    if (!isObject(payload))
        throw new UserError({ field: 'client_payload', rule: 'must be an object' });
    const extra = Object.keys(payload).filter((k) => k !== 'queue');
    const queue = payload.queue;
    const problems = extra.map((k) => ({ field: `client_payload.${k}`, rule: 'not allowed in a drain wake-up' }));
    if (!QUEUES.includes(queue))
        problems.push({ field: 'client_payload.queue', rule: `must be one of ${QUEUES.join(', ')}` });
    if (problems.length)
        throw new UserError(problems);
    return { queue: queue };
}

;// CONCATENATED MODULE: ../../packages/core/src/intent-name.ts
// The name of an HR event's intent artifact (validate uploads it, the drain reads it: ledger's intents.ts):
// onramp-intent-<employee id>-<first 16 hex digits of SHA-256(event id)>. The name alone tells a drain whether
// the ledger holds the event already, so nothing is downloaded for it; the HR event id itself stays inside.

const INTENT_PREFIX = 'onramp-intent-';
/** The one file inside an intent artifact: `{action, client_payload}` as the event file held them. */
const INTENT_FILE = 'intent.json';
const eventHash = (eventId) => (0,external_node_crypto_.createHash)('sha256').update(eventId).digest('hex').slice(0, 16);
const intentName = (employeeId, eventId) => `${INTENT_PREFIX}${employeeId}-${eventHash(eventId)}`;

;// CONCATENATED MODULE: ../../packages/core/src/kept.ts
// Reads worth keeping for a process's life: git objects named by their content, a team's id, an org's
// listing until this process changes it. One promise per key, so readers at once share one request.
/** The read kept under `key`, made once; a failed read is forgotten so that the next one asks again. */
function keptRead(cache, key, read) {
    let value = cache.get(key);
    if (!value) {
        const made = read();
        value = made;
        cache.set(key, made);
        made.catch(() => {
            if (cache.get(key) === made)
                cache.delete(key);
        });
    }
    return value;
}

;// CONCATENATED MODULE: ../../packages/core/src/plan.ts
// The desired state for one person, per system. Pure: no I/O, same inputs give the same plan.
// Managed sets are what onramp granted the person (the ledger's `granted`) and what the role wants: only
// granted − desired is ever removed, whether or not a role still names the item, and what the person holds
// outside the managed set is reported, never touched. A record from before `granted` existed reads as what
// the map gives the record's role. Desired is the role's items and those of the person's time-bound grants active
// at `now` (grants.ts): when a grant ends its items drop out of desired and are removed like any other.



const MANAGED_BY = 'onramp';
function plan(event, roleMap, guardrails, opts = {}) {
    const all = Object.values(roleMap.roles);
    const granted = grantedOrRole(opts.granted ?? {}, roleMap, opts.lastRole);
    const offboard = event.type === 'offboard';
    let role;
    if (!offboard) {
        if (event.role === undefined || !Object.hasOwn(roleMap.roles, event.role))
            throw new errors_UserError({ field: 'role', rule: 'not a role in roles.yaml' });
        role = roleMap.roles[event.role];
    }
    const presence = offboard ? 'revoked' : 'active';
    // An offboard revokes everything: no grant is desired then.
    const extra = activeGrantItems(offboard ? [] : opts.grants?.list, opts.grants?.now ?? 0);
    // Offboarding takes every managed item away in every system any role names; the person's role may be gone.
    // A role change does too for a system the new role does not name (else the old role's access drifts on),
    // but keeps the account there: `account: 'keep'`.
    // A system no role names any more still gets a slice while onramp granted something there, so it is removed.
    const anyNames = (pick) => all.some((r) => pick(r) !== undefined);
    // A system a grant gives something in gets a slice, and its account ensured, whatever the role names.
    const names = (pick, held, configured = true, granting = []) => (offboard || event.type === 'role-change' ? anyNames(pick) : !!role && pick(role) !== undefined) ||
        ((held.length > 0 || granting.length > 0) && configured);
    // Revoked slices carry no account mode: offboarding has its own account verbs.
    const account = (pick, granting = []) => offboard ? {} : { account: (role && pick(role) !== undefined) || granting.length ? 'ensure' : 'keep' };
    // The role's names in its order, then the grants' names it does not have.
    const withGranted = (names, keys, prefix) => [
        ...names,
        ...namesOf(keys, prefix).filter((n) => !names.includes(n)),
    ];
    const out = { employeeId: event.employeeId, eventType: event.type, eventId: event.eventId };
    if (event.role !== undefined)
        out.role = event.role;
    if (names((r) => r.identity, granted.identity, true, extra.identity)) {
        const groups = offboard
            ? []
            : withGranted(role?.identity?.groups ?? [], extra.identity, ITEM_KEY_PREFIX.identityGroup);
        const identity = {
            presence,
            ...account((r) => r.identity, extra.identity),
            groups,
            managedGroups: union([groups, namesOf(granted.identity, ITEM_KEY_PREFIX.identityGroup)]),
        };
        out.identity = identity;
    }
    if (names((r) => r.github, granted.github, !!guardrails.github, extra.github)) {
        const g = guardrails.github ?? missing('github');
        // Team grants only; the org membership role is always plain member, never admin. A time-bound grant's team is
        // a plain membership, unless the role gives more.
        const teams = offboard ? [] : (role?.github?.teams ?? []).map((t) => ({ slug: t.slug, role: t.role }));
        for (const slug of namesOf(extra.github, ITEM_KEY_PREFIX.githubTeam))
            if (!teams.some((t) => t.slug === slug))
                teams.push({ slug, role: 'member' });
        const github = {
            presence,
            ...account((r) => r.github, extra.github),
            org: g.org,
            teams,
            managedTeams: union([teams.map((t) => t.slug), namesOf(granted.github, ITEM_KEY_PREFIX.githubTeam)]),
            protectedLogins: [...g.protectedLogins],
            maxInvitationResends: g.maxInvitationResends,
            invitationCap: g.invitationCap,
            invitationDeadlineDays: g.invitationDeadlineDays,
        };
        out.github = github;
    }
    if (guardrails.identityCenter) {
        if (names((r) => r.aws, granted.aws))
            out.identityCenter = identityCenterSlice(guardrails.identityCenter, presence, account((r) => r.aws), role, granted.aws, event);
    }
    else if (names((r) => r.aws, granted.aws, !!guardrails.aws, extra.aws)) {
        const g = guardrails.aws ?? missing('aws');
        const allowed = new Set(g.allowedPolicies);
        if ((role?.aws?.policies ?? []).some((p) => !allowed.has(p)))
            throw new errors_UserError({
                field: `roles.${event.role}.aws.policies`,
                rule: 'policy is not in guardrails aws.allowed-policies',
            });
        if (namesOf(extra.aws, ITEM_KEY_PREFIX.awsPolicy).some((p) => !allowed.has(p)))
            throw new errors_UserError({
                field: 'grants.items.aws-policies',
                rule: 'policy is not in guardrails aws.allowed-policies',
            });
        const policies = offboard ? [] : withGranted(role?.aws?.policies ?? [], extra.aws, ITEM_KEY_PREFIX.awsPolicy);
        const groups = offboard ? [] : withGranted(role?.aws?.groups ?? [], extra.aws, ITEM_KEY_PREFIX.awsGroup);
        const tags = { 'managed-by': MANAGED_BY, 'employee-id': event.employeeId };
        const tagRole = event.role ?? (offboard ? opts.lastRole : undefined);
        if (tagRole !== undefined)
            tags.role = tagRole;
        const aws = {
            presence,
            ...account((r) => r.aws, extra.aws),
            userPath: g.userPath,
            permissionsBoundary: g.permissionsBoundary,
            tags,
            groups,
            policies,
            managedGroups: union([groups, namesOf(granted.aws, ITEM_KEY_PREFIX.awsGroup)]),
            managedPolicies: union([policies, namesOf(granted.aws, ITEM_KEY_PREFIX.awsPolicy)]),
            console: offboard ? false : (role?.aws?.console ?? false),
        };
        out.aws = aws;
    }
    if (names((r) => r.slack, granted.slack, !!guardrails.slack, extra.slack)) {
        const g = guardrails.slack ?? missing('slack');
        const channels = offboard ? [] : withGranted(role?.slack?.channels ?? [], extra.slack, ITEM_KEY_PREFIX.slackChannel);
        const slack = {
            channels,
            managedChannels: union([channels, namesOf(granted.slack, ITEM_KEY_PREFIX.slackChannel)]),
            announceChannel: g.announceChannel,
            alertsChannel: g.alertsChannel,
        };
        out.slack = slack;
    }
    if (!offboard && role?.setup)
        out.setup = { repos: [...role.setup.repos] };
    return out;
}
/** Identity Center mode's AWS slice: the role's assignments and groups; managed = granted ∪ desired, like IAM's. */
function identityCenterSlice(g, presence, account, role, granted, event) {
    const offboard = presence === 'revoked';
    const wanted = offboard ? [] : (role?.aws?.identityCenter?.assignments ?? []);
    const groups = offboard ? [] : [...(role?.aws?.identityCenter?.groups ?? [])];
    // validate refuses these already (config.ts); a plan never carries anything outside the allowlists.
    const field = `roles.${event.role}.aws.identity-center`;
    const accounts = new Set(g.accounts);
    const sets = new Set(g.permissionSets);
    const allowedGroups = new Set(g.groups);
    if (wanted.some((a) => !accounts.has(a.account)))
        throw new errors_UserError({
            field: `${field}.assignments`,
            rule: 'account is not in guardrails aws.identity-center.accounts',
        });
    if (wanted.some((a) => !sets.has(a.permissionSet)))
        throw new errors_UserError({
            field: `${field}.assignments`,
            rule: 'permission set is not in guardrails aws.identity-center.permission-sets',
        });
    if (groups.some((name) => !allowedGroups.has(name)))
        throw new errors_UserError({ field: `${field}.groups`, rule: 'group is not in guardrails aws.identity-center.groups' });
    // Managed: what the role wants and what onramp granted (within the allowlists: onramp's role may touch no other).
    const held = granted
        .filter((k) => k.startsWith(ITEM_KEY_PREFIX.ssoAssignment))
        .map(assignmentOf)
        .filter((a) => accounts.has(a.account) && sets.has(a.permissionSet));
    return {
        presence,
        ...account,
        instanceArn: g.instanceArn,
        identityStoreId: g.identityStoreId,
        region: g.region,
        startUrl: g.startUrl,
        users: g.users,
        onOffboard: g.onOffboard,
        assignments: uniqueAssignments(wanted),
        groups,
        managedAssignments: uniqueAssignments([...wanted, ...held]),
        managedGroups: union([groups, namesOf(granted, ITEM_KEY_PREFIX.ssoGroup)]).filter((n) => allowedGroups.has(n)),
    };
}
function uniqueAssignments(list) {
    const byKey = new Map(list.map((a) => [assignmentKey(a), { account: a.account, permissionSet: a.permissionSet }]));
    return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
}
function union(lists) {
    return [...new Set(lists.flat())].sort();
}
function missing(section) {
    throw new errors_UserError({ field: section, rule: `roles use ${section} but guardrails.yaml has no ${section} section` });
}

;// CONCATENATED MODULE: ../../packages/core/src/reconcile.ts
// The one reconcile loop every action runs: per item, read -> diff -> apply -> read back -> verify -> receipt.
// Items run in order; an item whose dependency failed is not attempted. Nothing is reported done that a
// read-back has not shown.

/** Severity order used to fold item results into one step result. */
const RANK = { unchanged: 0, changed: 1, scheduled: 2, pending: 3, deferred: 4, failed: 5 };
function worst(results) {
    return results.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'unchanged');
}
/** The outcome of a step that failed before any item could be attempted (a read that every item needs). */
function failedBefore(item, reason) {
    return {
        result: 'failed',
        receipts: [{ item, action: 'none', before: null, after: null, verified: false, result: 'failed', reason }],
    };
}
const READ_BACK_POLICY = { baseMs: 250, capMs: 4000, maxAttempts: 8, deadlineMs: 30_000 };
function canonical(value) {
    return JSON.stringify(value, (_k, v) => v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v);
}
const defaultSame = (a, b) => canonical(a) === canonical(b);
const defaultVerb = (found, desired) => found === undefined ? 'create' : desired === undefined ? 'remove' : 'update';
async function reconcile(items, options) {
    const clock = options.clock ?? retry/* systemClock */.ml;
    const policy = options.readBack ?? READ_BACK_POLICY;
    const describe = options.describeError ?? ((e) => (e instanceof Error ? e.message : String(e)));
    const failed = new Set();
    const receipts = [];
    for (const item of items) {
        const same = item.same ?? defaultSame;
        const show = item.show ?? ((s) => s);
        const blocker = item.dependsOn?.find((k) => failed.has(k));
        if (blocker) {
            failed.add(item.key);
            receipts.push({
                item: item.key,
                desired: show(item.desired) ?? null,
                action: 'none',
                before: null,
                after: null,
                verified: false,
                result: 'failed',
                reason: `not attempted: ${blocker} failed`,
            });
            continue;
        }
        let found;
        // What was attempted, so a failure after apply says so.
        let action = 'none';
        try {
            found = await item.read();
            const pendingReason = item.pending?.(found);
            if (same(item.desired, found)) {
                receipts.push({
                    item: item.key,
                    desired: show(item.desired) ?? null,
                    action: 'none',
                    before: show(found) ?? null,
                    after: show(found) ?? null,
                    verified: true,
                    result: pendingReason ? 'pending' : 'unchanged',
                    reason: pendingReason,
                });
                continue;
            }
            const verb = (item.verb ?? defaultVerb)(found, item.desired);
            if (options.dryRun) {
                receipts.push({
                    item: item.key,
                    desired: show(item.desired) ?? null,
                    action: verb,
                    before: show(found) ?? null,
                    after: show(item.desired) ?? null,
                    verified: false,
                    result: 'unchanged',
                    reason: `dry run: would ${verb}`,
                });
                continue;
            }
            action = verb;
            const outcome = await item.apply(found);
            if (outcome) {
                if (outcome.result === 'deferred')
                    failed.add(item.key); // dependants cannot proceed either
                receipts.push({
                    item: item.key,
                    desired: show(item.desired) ?? null,
                    action,
                    before: show(found) ?? null,
                    after: show(found) ?? null,
                    verified: false,
                    result: outcome.result,
                    reason: outcome.reason,
                });
                continue;
            }
            if (item.unverifiable) {
                receipts.push({
                    item: item.key,
                    desired: show(item.desired) ?? null,
                    action,
                    before: show(found) ?? null,
                    after: null,
                    verified: false,
                    result: 'changed',
                    reason: item.unverifiable,
                });
                continue;
            }
            const { state, ok } = await readBack(item, same, policy, clock);
            const pending = item.pending?.(state);
            receipts.push({
                item: item.key,
                desired: show(item.desired) ?? null,
                action,
                before: show(found) ?? null,
                after: show(state) ?? null,
                verified: ok,
                result: ok ? (pending ? 'pending' : 'changed') : 'failed',
                reason: ok
                    ? pending
                    : `verification failed: wanted ${canonical(show(item.desired) ?? null)}, found ${canonical(show(state) ?? null)}`,
            });
            if (!ok)
                failed.add(item.key);
        }
        catch (error) {
            failed.add(item.key);
            receipts.push({
                item: item.key,
                desired: show(item.desired) ?? null,
                action,
                before: found === undefined ? null : (show(found) ?? null),
                after: null,
                verified: false,
                result: 'failed',
                reason: describe(error),
            });
        }
    }
    return { result: worst(receipts.map((r) => r.result)), receipts };
}
/** A read-back that does not match yet: the retry policy decides whether to look again. */
class Unsettled extends Error {
    state;
    constructor(state) {
        super('read-back does not match the desired state yet');
        this.state = state;
    }
}
/** Re-read until the state matches, under the one retry policy (attempts, backoff, deadline). */
async function readBack(item, same, policy, clock) {
    try {
        const state = await (0,retry/* withRetry */.bD)(async () => {
            const state = await item.read();
            if (!same(item.desired, state))
                throw new Unsettled(state);
            return state;
        }, 
        // A floor on the wait: an immediate re-read of a lagging service only spends a request.
        (error) => ({ retry: error instanceof Unsettled, waitMs: policy.baseMs / 4 }), policy, clock);
        return { state, ok: true };
    }
    catch (error) {
        if (error instanceof retry/* RetryExhaustedError */.aB && error.lastError instanceof Unsettled)
            return { state: error.lastError.state, ok: false };
        throw error;
    }
}

;// CONCATENATED MODULE: ../../packages/core/src/index.ts
// The light entry point: contracts, plan, retry policy, reconcile loop, action I/O. SDK client factories
// live behind subpaths (`@onramp/core/github`, `/aws`, `/slack`) so an action bundles only its own SDK.


























/***/ }),

/***/ 8868:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   Rx: () => (/* binding */ serverWaitMs),
/* harmony export */   aB: () => (/* binding */ RetryExhaustedError),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   ml: () => (/* binding */ systemClock),
/* harmony export */   o7: () => (/* binding */ NEVER_RETRY),
/* harmony export */   u_: () => (/* binding */ RESET_MARGIN_MS),
/* harmony export */   zj: () => (/* binding */ DEFAULT_POLICY)
/* harmony export */ });
/* unused harmony export classifyHttp */
// The one retry policy: exponential backoff with full jitter, capped, with a bounded number of attempts.
// Server hints (Retry-After, rate-limit reset headers) win over the computed delay. Clock and sleep are
// injectable so tests run instantly and can assert every delay.
const DEFAULT_POLICY = { baseMs: 1000, capMs: 30_000, maxAttempts: 5, deadlineMs: 120_000 };
const systemClock = {
    timeScale: 1,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random(),
};
/** Statuses that mean "your request is wrong": retrying cannot help. */
const NEVER_RETRY = new Set([400, 401, 404, 409, 410, 422, 451]);
/** Full jitter: uniform in [0, min(cap, base * 2^retry)] where retry counts from 0. */
function backoffDelay(retry, policy, random = Math.random) {
    const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
    return Math.floor(random() * ceiling);
}
/** Added to reset-header waits: resets are whole epoch seconds and clocks drift (the Octokit and Okta SDKs do the same). */
const RESET_MARGIN_MS = 1000;
/**
 * A server's own word on when to come back, in ms from now, or undefined. Reads `Retry-After` (seconds or
 * an HTTP date), `x-amz-retry-after` (ms), and epoch-second reset headers (`x-ratelimit-reset` for GitHub,
 * `x-rate-limit-reset` for Okta) when the remaining count is 0 (or always, with `anyReset`, for a 429).
 * Dates and resets are measured against the server's `Date` header when present, so a skewed local clock
 * neither retries early nor waits an hour. The later of all hints wins. Header names are case-insensitive.
 */
function serverWaitMs(headers, nowMs, options = {}) {
    const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const h = (name) => {
        const v = lower.get(name);
        const first = Array.isArray(v) ? v[0] : v;
        return first === undefined ? undefined : String(first).trim();
    };
    const serverDate = Date.parse(h('date') ?? '');
    const serverNow = Number.isNaN(serverDate) ? nowMs : serverDate;
    const waits = [];
    const retryAfter = h('retry-after');
    if (retryAfter !== undefined && retryAfter !== '') {
        const secs = Number(retryAfter);
        if (Number.isFinite(secs))
            waits.push(Math.max(0, secs * 1000));
        else {
            const at = Date.parse(retryAfter);
            if (!Number.isNaN(at))
                waits.push(Math.max(0, at - serverNow));
        }
    }
    const amz = Number(h('x-amz-retry-after'));
    if (h('x-amz-retry-after') && Number.isFinite(amz))
        waits.push(Math.max(0, amz));
    for (const [remainingName, resetName] of [
        ['x-ratelimit-remaining', 'x-ratelimit-reset'],
        ['x-rate-limit-remaining', 'x-rate-limit-reset'],
    ]) {
        const reset = Number(h(resetName));
        if ((h(remainingName) === '0' || options.anyReset) && h(resetName) && Number.isFinite(reset)) {
            waits.push(Math.max(0, reset * 1000 - serverNow + RESET_MARGIN_MS));
        }
    }
    return waits.length ? Math.max(...waits) : undefined;
}
class RetryExhaustedError extends Error {
    attempts;
    lastError;
    constructor(attempts, lastError) {
        super(`gave up after ${attempts} attempt(s): ${lastError instanceof Error ? lastError.message : String(lastError)}`);
        this.attempts = attempts;
        this.lastError = lastError;
        this.name = 'RetryExhaustedError';
    }
}
/**
 * Run `fn` until it succeeds, `classify` says stop, attempts run out, or the deadline would be passed.
 * The wait before retry n is max(server hint, full-jitter backoff(n)). Non-retryable errors are rethrown as is.
 */
async function withRetry(fn, classify, policy = DEFAULT_POLICY, clock = systemClock) {
    const started = clock.now();
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (error) {
            const verdict = classify(error);
            if (!verdict.retry)
                throw error;
            if (attempt >= policy.maxAttempts)
                throw new RetryExhaustedError(attempt, error);
            const wait = Math.max(verdict.waitMs ?? 0, backoffDelay(attempt - 1, policy, clock.random));
            if (clock.now() + wait - started > policy.deadlineMs)
                throw new RetryExhaustedError(attempt, error);
            await clock.sleep(wait);
        }
    }
}
/**
 * Classify an HTTP outcome by status and headers: 429 and 5xx retry; a 403 retries only when it is a rate
 * limit (remaining 0, a Retry-After, or GitHub's "secondary rate limit" message; without a hint a secondary
 * limit waits at least 60 s); network errors (no status) retry; everything else stops.
 */
function classifyHttp(status, headers = {}, message = '', nowMs = Date.now()) {
    const hint = serverWaitMs(headers, nowMs);
    if (status === undefined)
        return { retry: true };
    // A 429 is a rate limit whatever the remaining count says (Okta's concurrency limit reports limit 0).
    if (status === 429)
        return { retry: true, waitMs: serverWaitMs(headers, nowMs, { anyReset: true }) };
    if (status === 403) {
        if (/secondary rate limit/i.test(message))
            return { retry: true, waitMs: hint ?? 60_000 };
        if (hint !== undefined)
            return { retry: true, waitMs: hint };
        return { retry: false };
    }
    if (NEVER_RETRY.has(status))
        return { retry: false };
    if (status >= 500 && status !== 501)
        return { retry: true, waitMs: hint };
    return { retry: false };
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 222:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ debug),
  z3: () => (/* binding */ error),
  Vt: () => (/* binding */ getBooleanInput),
  V4: () => (/* binding */ getInput),
  pq: () => (/* binding */ info),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ setSecret),
  z: () => (/* reexport */ summary),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: ExitCode, addPath, endGroup, exportVariable, getIDToken, getMultilineInput, getState, group, isDebug, markdownSummary, notice, saveState, setCommandEcho, startGroup, toPlatformPath, toPosixPath, toWin32Path

;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
;// CONCATENATED MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1_patch_hash=efde6c4636b20594e925d0e030e852b40bf8afbc0e65fa94474df689008d3f04/node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1_patch_hash=efde6c4636b20594e925d0e030e852b40bf8afbc0e65fa94474df689008d3f04/node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_namespaceObject.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1_patch_hash=efde6c4636b20594e925d0e030e852b40bf8afbc0e65fa94474df689008d3f04/node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_namespaceObject.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_namespaceObject.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1_patch_hash=efde6c4636b20594e925d0e030e852b40bf8afbc0e65fa94474df689008d3f04/node_modules/@actions/core/lib/summary.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_namespaceObject.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_namespaceObject.constants.R_OK | external_fs_namespaceObject.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return __awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return __awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_namespaceObject.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1_patch_hash=efde6c4636b20594e925d0e030e852b40bf8afbc0e65fa94474df689008d3f04/node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1_patch_hash=efde6c4636b20594e925d0e030e852b40bf8afbc0e65fa94474df689008d3f04/node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_namespaceObject.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_namespaceObject.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        // onramp: loaded on first use; the HTTP client it pulls in cost every action start ~30 ms.
        const { OidcClient } = yield __nccwpck_require__.e(/* import() */ 630).then(__nccwpck_require__.bind(__nccwpck_require__, 9630));
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */
// onramp: `platform` (which loads @actions/exec and child_process at start) is not re-exported; onramp never
// asks the runner's OS details, and every action start paid for it.
//# sourceMappingURL=core.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(7935);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

//# sourceMappingURL=index.js.map