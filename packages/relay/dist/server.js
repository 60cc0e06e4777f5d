import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 660:
/***/ (function(module) {

/**
  * This file contains the Bottleneck library (MIT), compiled to ES2017, and without Clustering support.
  * https://github.com/SGrondin/bottleneck
  */
(function (global, factory) {
	 true ? module.exports = factory() :
	0;
}(this, (function () { 'use strict';

	var commonjsGlobal = typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : typeof global !== 'undefined' ? global : typeof self !== 'undefined' ? self : {};

	function getCjsExportFromNamespace (n) {
		return n && n['default'] || n;
	}

	var load = function(received, defaults, onto = {}) {
	  var k, ref, v;
	  for (k in defaults) {
	    v = defaults[k];
	    onto[k] = (ref = received[k]) != null ? ref : v;
	  }
	  return onto;
	};

	var overwrite = function(received, defaults, onto = {}) {
	  var k, v;
	  for (k in received) {
	    v = received[k];
	    if (defaults[k] !== void 0) {
	      onto[k] = v;
	    }
	  }
	  return onto;
	};

	var parser = {
		load: load,
		overwrite: overwrite
	};

	var DLList;

	DLList = class DLList {
	  constructor(incr, decr) {
	    this.incr = incr;
	    this.decr = decr;
	    this._first = null;
	    this._last = null;
	    this.length = 0;
	  }

	  push(value) {
	    var node;
	    this.length++;
	    if (typeof this.incr === "function") {
	      this.incr();
	    }
	    node = {
	      value,
	      prev: this._last,
	      next: null
	    };
	    if (this._last != null) {
	      this._last.next = node;
	      this._last = node;
	    } else {
	      this._first = this._last = node;
	    }
	    return void 0;
	  }

	  shift() {
	    var value;
	    if (this._first == null) {
	      return;
	    } else {
	      this.length--;
	      if (typeof this.decr === "function") {
	        this.decr();
	      }
	    }
	    value = this._first.value;
	    if ((this._first = this._first.next) != null) {
	      this._first.prev = null;
	    } else {
	      this._last = null;
	    }
	    return value;
	  }

	  first() {
	    if (this._first != null) {
	      return this._first.value;
	    }
	  }

	  getArray() {
	    var node, ref, results;
	    node = this._first;
	    results = [];
	    while (node != null) {
	      results.push((ref = node, node = node.next, ref.value));
	    }
	    return results;
	  }

	  forEachShift(cb) {
	    var node;
	    node = this.shift();
	    while (node != null) {
	      (cb(node), node = this.shift());
	    }
	    return void 0;
	  }

	  debug() {
	    var node, ref, ref1, ref2, results;
	    node = this._first;
	    results = [];
	    while (node != null) {
	      results.push((ref = node, node = node.next, {
	        value: ref.value,
	        prev: (ref1 = ref.prev) != null ? ref1.value : void 0,
	        next: (ref2 = ref.next) != null ? ref2.value : void 0
	      }));
	    }
	    return results;
	  }

	};

	var DLList_1 = DLList;

	var Events;

	Events = class Events {
	  constructor(instance) {
	    this.instance = instance;
	    this._events = {};
	    if ((this.instance.on != null) || (this.instance.once != null) || (this.instance.removeAllListeners != null)) {
	      throw new Error("An Emitter already exists for this object");
	    }
	    this.instance.on = (name, cb) => {
	      return this._addListener(name, "many", cb);
	    };
	    this.instance.once = (name, cb) => {
	      return this._addListener(name, "once", cb);
	    };
	    this.instance.removeAllListeners = (name = null) => {
	      if (name != null) {
	        return delete this._events[name];
	      } else {
	        return this._events = {};
	      }
	    };
	  }

	  _addListener(name, status, cb) {
	    var base;
	    if ((base = this._events)[name] == null) {
	      base[name] = [];
	    }
	    this._events[name].push({cb, status});
	    return this.instance;
	  }

	  listenerCount(name) {
	    if (this._events[name] != null) {
	      return this._events[name].length;
	    } else {
	      return 0;
	    }
	  }

	  async trigger(name, ...args) {
	    var e, promises;
	    try {
	      if (name !== "debug") {
	        this.trigger("debug", `Event triggered: ${name}`, args);
	      }
	      if (this._events[name] == null) {
	        return;
	      }
	      this._events[name] = this._events[name].filter(function(listener) {
	        return listener.status !== "none";
	      });
	      promises = this._events[name].map(async(listener) => {
	        var e, returned;
	        if (listener.status === "none") {
	          return;
	        }
	        if (listener.status === "once") {
	          listener.status = "none";
	        }
	        try {
	          returned = typeof listener.cb === "function" ? listener.cb(...args) : void 0;
	          if (typeof (returned != null ? returned.then : void 0) === "function") {
	            return (await returned);
	          } else {
	            return returned;
	          }
	        } catch (error) {
	          e = error;
	          {
	            this.trigger("error", e);
	          }
	          return null;
	        }
	      });
	      return ((await Promise.all(promises))).find(function(x) {
	        return x != null;
	      });
	    } catch (error) {
	      e = error;
	      {
	        this.trigger("error", e);
	      }
	      return null;
	    }
	  }

	};

	var Events_1 = Events;

	var DLList$1, Events$1, Queues;

	DLList$1 = DLList_1;

	Events$1 = Events_1;

	Queues = class Queues {
	  constructor(num_priorities) {
	    var i;
	    this.Events = new Events$1(this);
	    this._length = 0;
	    this._lists = (function() {
	      var j, ref, results;
	      results = [];
	      for (i = j = 1, ref = num_priorities; (1 <= ref ? j <= ref : j >= ref); i = 1 <= ref ? ++j : --j) {
	        results.push(new DLList$1((() => {
	          return this.incr();
	        }), (() => {
	          return this.decr();
	        })));
	      }
	      return results;
	    }).call(this);
	  }

	  incr() {
	    if (this._length++ === 0) {
	      return this.Events.trigger("leftzero");
	    }
	  }

	  decr() {
	    if (--this._length === 0) {
	      return this.Events.trigger("zero");
	    }
	  }

	  push(job) {
	    return this._lists[job.options.priority].push(job);
	  }

	  queued(priority) {
	    if (priority != null) {
	      return this._lists[priority].length;
	    } else {
	      return this._length;
	    }
	  }

	  shiftAll(fn) {
	    return this._lists.forEach(function(list) {
	      return list.forEachShift(fn);
	    });
	  }

	  getFirst(arr = this._lists) {
	    var j, len, list;
	    for (j = 0, len = arr.length; j < len; j++) {
	      list = arr[j];
	      if (list.length > 0) {
	        return list;
	      }
	    }
	    return [];
	  }

	  shiftLastFrom(priority) {
	    return this.getFirst(this._lists.slice(priority).reverse()).shift();
	  }

	};

	var Queues_1 = Queues;

	var BottleneckError;

	BottleneckError = class BottleneckError extends Error {};

	var BottleneckError_1 = BottleneckError;

	var BottleneckError$1, DEFAULT_PRIORITY, Job, NUM_PRIORITIES, parser$1;

	NUM_PRIORITIES = 10;

	DEFAULT_PRIORITY = 5;

	parser$1 = parser;

	BottleneckError$1 = BottleneckError_1;

	Job = class Job {
	  constructor(task, args, options, jobDefaults, rejectOnDrop, Events, _states, Promise) {
	    this.task = task;
	    this.args = args;
	    this.rejectOnDrop = rejectOnDrop;
	    this.Events = Events;
	    this._states = _states;
	    this.Promise = Promise;
	    this.options = parser$1.load(options, jobDefaults);
	    this.options.priority = this._sanitizePriority(this.options.priority);
	    if (this.options.id === jobDefaults.id) {
	      this.options.id = `${this.options.id}-${this._randomIndex()}`;
	    }
	    this.promise = new this.Promise((_resolve, _reject) => {
	      this._resolve = _resolve;
	      this._reject = _reject;
	    });
	    this.retryCount = 0;
	  }

	  _sanitizePriority(priority) {
	    var sProperty;
	    sProperty = ~~priority !== priority ? DEFAULT_PRIORITY : priority;
	    if (sProperty < 0) {
	      return 0;
	    } else if (sProperty > NUM_PRIORITIES - 1) {
	      return NUM_PRIORITIES - 1;
	    } else {
	      return sProperty;
	    }
	  }

	  _randomIndex() {
	    return Math.random().toString(36).slice(2);
	  }

	  doDrop({error, message = "This job has been dropped by Bottleneck"} = {}) {
	    if (this._states.remove(this.options.id)) {
	      if (this.rejectOnDrop) {
	        this._reject(error != null ? error : new BottleneckError$1(message));
	      }
	      this.Events.trigger("dropped", {args: this.args, options: this.options, task: this.task, promise: this.promise});
	      return true;
	    } else {
	      return false;
	    }
	  }

	  _assertStatus(expected) {
	    var status;
	    status = this._states.jobStatus(this.options.id);
	    if (!(status === expected || (expected === "DONE" && status === null))) {
	      throw new BottleneckError$1(`Invalid job status ${status}, expected ${expected}. Please open an issue at https://github.com/SGrondin/bottleneck/issues`);
	    }
	  }

	  doReceive() {
	    this._states.start(this.options.id);
	    return this.Events.trigger("received", {args: this.args, options: this.options});
	  }

	  doQueue(reachedHWM, blocked) {
	    this._assertStatus("RECEIVED");
	    this._states.next(this.options.id);
	    return this.Events.trigger("queued", {args: this.args, options: this.options, reachedHWM, blocked});
	  }

	  doRun() {
	    if (this.retryCount === 0) {
	      this._assertStatus("QUEUED");
	      this._states.next(this.options.id);
	    } else {
	      this._assertStatus("EXECUTING");
	    }
	    return this.Events.trigger("scheduled", {args: this.args, options: this.options});
	  }

	  async doExecute(chained, clearGlobalState, run, free) {
	    var error, eventInfo, passed;
	    if (this.retryCount === 0) {
	      this._assertStatus("RUNNING");
	      this._states.next(this.options.id);
	    } else {
	      this._assertStatus("EXECUTING");
	    }
	    eventInfo = {args: this.args, options: this.options, retryCount: this.retryCount};
	    this.Events.trigger("executing", eventInfo);
	    try {
	      passed = (await (chained != null ? chained.schedule(this.options, this.task, ...this.args) : this.task(...this.args)));
	      if (clearGlobalState()) {
	        this.doDone(eventInfo);
	        await free(this.options, eventInfo);
	        this._assertStatus("DONE");
	        return this._resolve(passed);
	      }
	    } catch (error1) {
	      error = error1;
	      return this._onFailure(error, eventInfo, clearGlobalState, run, free);
	    }
	  }

	  doExpire(clearGlobalState, run, free) {
	    var error, eventInfo;
	    if (this._states.jobStatus(this.options.id === "RUNNING")) {
	      this._states.next(this.options.id);
	    }
	    this._assertStatus("EXECUTING");
	    eventInfo = {args: this.args, options: this.options, retryCount: this.retryCount};
	    error = new BottleneckError$1(`This job timed out after ${this.options.expiration} ms.`);
	    return this._onFailure(error, eventInfo, clearGlobalState, run, free);
	  }

	  async _onFailure(error, eventInfo, clearGlobalState, run, free) {
	    var retry, retryAfter;
	    if (clearGlobalState()) {
	      retry = (await this.Events.trigger("failed", error, eventInfo));
	      if (retry != null) {
	        retryAfter = ~~retry;
	        this.Events.trigger("retry", `Retrying ${this.options.id} after ${retryAfter} ms`, eventInfo);
	        this.retryCount++;
	        return run(retryAfter);
	      } else {
	        this.doDone(eventInfo);
	        await free(this.options, eventInfo);
	        this._assertStatus("DONE");
	        return this._reject(error);
	      }
	    }
	  }

	  doDone(eventInfo) {
	    this._assertStatus("EXECUTING");
	    this._states.next(this.options.id);
	    return this.Events.trigger("done", eventInfo);
	  }

	};

	var Job_1 = Job;

	var BottleneckError$2, LocalDatastore, parser$2;

	parser$2 = parser;

	BottleneckError$2 = BottleneckError_1;

	LocalDatastore = class LocalDatastore {
	  constructor(instance, storeOptions, storeInstanceOptions) {
	    this.instance = instance;
	    this.storeOptions = storeOptions;
	    this.clientId = this.instance._randomIndex();
	    parser$2.load(storeInstanceOptions, storeInstanceOptions, this);
	    this._nextRequest = this._lastReservoirRefresh = this._lastReservoirIncrease = Date.now();
	    this._running = 0;
	    this._done = 0;
	    this._unblockTime = 0;
	    this.ready = this.Promise.resolve();
	    this.clients = {};
	    this._startHeartbeat();
	  }

	  _startHeartbeat() {
	    var base;
	    if ((this.heartbeat == null) && (((this.storeOptions.reservoirRefreshInterval != null) && (this.storeOptions.reservoirRefreshAmount != null)) || ((this.storeOptions.reservoirIncreaseInterval != null) && (this.storeOptions.reservoirIncreaseAmount != null)))) {
	      return typeof (base = (this.heartbeat = setInterval(() => {
	        var amount, incr, maximum, now, reservoir;
	        now = Date.now();
	        if ((this.storeOptions.reservoirRefreshInterval != null) && now >= this._lastReservoirRefresh + this.storeOptions.reservoirRefreshInterval) {
	          this._lastReservoirRefresh = now;
	          this.storeOptions.reservoir = this.storeOptions.reservoirRefreshAmount;
	          this.instance._drainAll(this.computeCapacity());
	        }
	        if ((this.storeOptions.reservoirIncreaseInterval != null) && now >= this._lastReservoirIncrease + this.storeOptions.reservoirIncreaseInterval) {
	          ({
	            reservoirIncreaseAmount: amount,
	            reservoirIncreaseMaximum: maximum,
	            reservoir
	          } = this.storeOptions);
	          this._lastReservoirIncrease = now;
	          incr = maximum != null ? Math.min(amount, maximum - reservoir) : amount;
	          if (incr > 0) {
	            this.storeOptions.reservoir += incr;
	            return this.instance._drainAll(this.computeCapacity());
	          }
	        }
	      }, this.heartbeatInterval))).unref === "function" ? base.unref() : void 0;
	    } else {
	      return clearInterval(this.heartbeat);
	    }
	  }

	  async __publish__(message) {
	    await this.yieldLoop();
	    return this.instance.Events.trigger("message", message.toString());
	  }

	  async __disconnect__(flush) {
	    await this.yieldLoop();
	    clearInterval(this.heartbeat);
	    return this.Promise.resolve();
	  }

	  yieldLoop(t = 0) {
	    return new this.Promise(function(resolve, reject) {
	      return setTimeout(resolve, t);
	    });
	  }

	  computePenalty() {
	    var ref;
	    return (ref = this.storeOptions.penalty) != null ? ref : (15 * this.storeOptions.minTime) || 5000;
	  }

	  async __updateSettings__(options) {
	    await this.yieldLoop();
	    parser$2.overwrite(options, options, this.storeOptions);
	    this._startHeartbeat();
	    this.instance._drainAll(this.computeCapacity());
	    return true;
	  }

	  async __running__() {
	    await this.yieldLoop();
	    return this._running;
	  }

	  async __queued__() {
	    await this.yieldLoop();
	    return this.instance.queued();
	  }

	  async __done__() {
	    await this.yieldLoop();
	    return this._done;
	  }

	  async __groupCheck__(time) {
	    await this.yieldLoop();
	    return (this._nextRequest + this.timeout) < time;
	  }

	  computeCapacity() {
	    var maxConcurrent, reservoir;
	    ({maxConcurrent, reservoir} = this.storeOptions);
	    if ((maxConcurrent != null) && (reservoir != null)) {
	      return Math.min(maxConcurrent - this._running, reservoir);
	    } else if (maxConcurrent != null) {
	      return maxConcurrent - this._running;
	    } else if (reservoir != null) {
	      return reservoir;
	    } else {
	      return null;
	    }
	  }

	  conditionsCheck(weight) {
	    var capacity;
	    capacity = this.computeCapacity();
	    return (capacity == null) || weight <= capacity;
	  }

	  async __incrementReservoir__(incr) {
	    var reservoir;
	    await this.yieldLoop();
	    reservoir = this.storeOptions.reservoir += incr;
	    this.instance._drainAll(this.computeCapacity());
	    return reservoir;
	  }

	  async __currentReservoir__() {
	    await this.yieldLoop();
	    return this.storeOptions.reservoir;
	  }

	  isBlocked(now) {
	    return this._unblockTime >= now;
	  }

	  check(weight, now) {
	    return this.conditionsCheck(weight) && (this._nextRequest - now) <= 0;
	  }

	  async __check__(weight) {
	    var now;
	    await this.yieldLoop();
	    now = Date.now();
	    return this.check(weight, now);
	  }

	  async __register__(index, weight, expiration) {
	    var now, wait;
	    await this.yieldLoop();
	    now = Date.now();
	    if (this.conditionsCheck(weight)) {
	      this._running += weight;
	      if (this.storeOptions.reservoir != null) {
	        this.storeOptions.reservoir -= weight;
	      }
	      wait = Math.max(this._nextRequest - now, 0);
	      this._nextRequest = now + wait + this.storeOptions.minTime;
	      return {
	        success: true,
	        wait,
	        reservoir: this.storeOptions.reservoir
	      };
	    } else {
	      return {
	        success: false
	      };
	    }
	  }

	  strategyIsBlock() {
	    return this.storeOptions.strategy === 3;
	  }

	  async __submit__(queueLength, weight) {
	    var blocked, now, reachedHWM;
	    await this.yieldLoop();
	    if ((this.storeOptions.maxConcurrent != null) && weight > this.storeOptions.maxConcurrent) {
	      throw new BottleneckError$2(`Impossible to add a job having a weight of ${weight} to a limiter having a maxConcurrent setting of ${this.storeOptions.maxConcurrent}`);
	    }
	    now = Date.now();
	    reachedHWM = (this.storeOptions.highWater != null) && queueLength === this.storeOptions.highWater && !this.check(weight, now);
	    blocked = this.strategyIsBlock() && (reachedHWM || this.isBlocked(now));
	    if (blocked) {
	      this._unblockTime = now + this.computePenalty();
	      this._nextRequest = this._unblockTime + this.storeOptions.minTime;
	      this.instance._dropAllQueued();
	    }
	    return {
	      reachedHWM,
	      blocked,
	      strategy: this.storeOptions.strategy
	    };
	  }

	  async __free__(index, weight) {
	    await this.yieldLoop();
	    this._running -= weight;
	    this._done += weight;
	    this.instance._drainAll(this.computeCapacity());
	    return {
	      running: this._running
	    };
	  }

	};

	var LocalDatastore_1 = LocalDatastore;

	var BottleneckError$3, States;

	BottleneckError$3 = BottleneckError_1;

	States = class States {
	  constructor(status1) {
	    this.status = status1;
	    this._jobs = {};
	    this.counts = this.status.map(function() {
	      return 0;
	    });
	  }

	  next(id) {
	    var current, next;
	    current = this._jobs[id];
	    next = current + 1;
	    if ((current != null) && next < this.status.length) {
	      this.counts[current]--;
	      this.counts[next]++;
	      return this._jobs[id]++;
	    } else if (current != null) {
	      this.counts[current]--;
	      return delete this._jobs[id];
	    }
	  }

	  start(id) {
	    var initial;
	    initial = 0;
	    this._jobs[id] = initial;
	    return this.counts[initial]++;
	  }

	  remove(id) {
	    var current;
	    current = this._jobs[id];
	    if (current != null) {
	      this.counts[current]--;
	      delete this._jobs[id];
	    }
	    return current != null;
	  }

	  jobStatus(id) {
	    var ref;
	    return (ref = this.status[this._jobs[id]]) != null ? ref : null;
	  }

	  statusJobs(status) {
	    var k, pos, ref, results, v;
	    if (status != null) {
	      pos = this.status.indexOf(status);
	      if (pos < 0) {
	        throw new BottleneckError$3(`status must be one of ${this.status.join(', ')}`);
	      }
	      ref = this._jobs;
	      results = [];
	      for (k in ref) {
	        v = ref[k];
	        if (v === pos) {
	          results.push(k);
	        }
	      }
	      return results;
	    } else {
	      return Object.keys(this._jobs);
	    }
	  }

	  statusCounts() {
	    return this.counts.reduce(((acc, v, i) => {
	      acc[this.status[i]] = v;
	      return acc;
	    }), {});
	  }

	};

	var States_1 = States;

	var DLList$2, Sync;

	DLList$2 = DLList_1;

	Sync = class Sync {
	  constructor(name, Promise) {
	    this.schedule = this.schedule.bind(this);
	    this.name = name;
	    this.Promise = Promise;
	    this._running = 0;
	    this._queue = new DLList$2();
	  }

	  isEmpty() {
	    return this._queue.length === 0;
	  }

	  async _tryToRun() {
	    var args, cb, error, reject, resolve, returned, task;
	    if ((this._running < 1) && this._queue.length > 0) {
	      this._running++;
	      ({task, args, resolve, reject} = this._queue.shift());
	      cb = (await (async function() {
	        try {
	          returned = (await task(...args));
	          return function() {
	            return resolve(returned);
	          };
	        } catch (error1) {
	          error = error1;
	          return function() {
	            return reject(error);
	          };
	        }
	      })());
	      this._running--;
	      this._tryToRun();
	      return cb();
	    }
	  }

	  schedule(task, ...args) {
	    var promise, reject, resolve;
	    resolve = reject = null;
	    promise = new this.Promise(function(_resolve, _reject) {
	      resolve = _resolve;
	      return reject = _reject;
	    });
	    this._queue.push({task, args, resolve, reject});
	    this._tryToRun();
	    return promise;
	  }

	};

	var Sync_1 = Sync;

	var version = "2.19.5";
	var version$1 = {
		version: version
	};

	var version$2 = /*#__PURE__*/Object.freeze({
		version: version,
		default: version$1
	});

	var require$$2 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

	var require$$3 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

	var require$$4 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

	var Events$2, Group, IORedisConnection$1, RedisConnection$1, Scripts$1, parser$3;

	parser$3 = parser;

	Events$2 = Events_1;

	RedisConnection$1 = require$$2;

	IORedisConnection$1 = require$$3;

	Scripts$1 = require$$4;

	Group = (function() {
	  class Group {
	    constructor(limiterOptions = {}) {
	      this.deleteKey = this.deleteKey.bind(this);
	      this.limiterOptions = limiterOptions;
	      parser$3.load(this.limiterOptions, this.defaults, this);
	      this.Events = new Events$2(this);
	      this.instances = {};
	      this.Bottleneck = Bottleneck_1;
	      this._startAutoCleanup();
	      this.sharedConnection = this.connection != null;
	      if (this.connection == null) {
	        if (this.limiterOptions.datastore === "redis") {
	          this.connection = new RedisConnection$1(Object.assign({}, this.limiterOptions, {Events: this.Events}));
	        } else if (this.limiterOptions.datastore === "ioredis") {
	          this.connection = new IORedisConnection$1(Object.assign({}, this.limiterOptions, {Events: this.Events}));
	        }
	      }
	    }

	    key(key = "") {
	      var ref;
	      return (ref = this.instances[key]) != null ? ref : (() => {
	        var limiter;
	        limiter = this.instances[key] = new this.Bottleneck(Object.assign(this.limiterOptions, {
	          id: `${this.id}-${key}`,
	          timeout: this.timeout,
	          connection: this.connection
	        }));
	        this.Events.trigger("created", limiter, key);
	        return limiter;
	      })();
	    }

	    async deleteKey(key = "") {
	      var deleted, instance;
	      instance = this.instances[key];
	      if (this.connection) {
	        deleted = (await this.connection.__runCommand__(['del', ...Scripts$1.allKeys(`${this.id}-${key}`)]));
	      }
	      if (instance != null) {
	        delete this.instances[key];
	        await instance.disconnect();
	      }
	      return (instance != null) || deleted > 0;
	    }

	    limiters() {
	      var k, ref, results, v;
	      ref = this.instances;
	      results = [];
	      for (k in ref) {
	        v = ref[k];
	        results.push({
	          key: k,
	          limiter: v
	        });
	      }
	      return results;
	    }

	    keys() {
	      return Object.keys(this.instances);
	    }

	    async clusterKeys() {
	      var cursor, end, found, i, k, keys, len, next, start;
	      if (this.connection == null) {
	        return this.Promise.resolve(this.keys());
	      }
	      keys = [];
	      cursor = null;
	      start = `b_${this.id}-`.length;
	      end = "_settings".length;
	      while (cursor !== 0) {
	        [next, found] = (await this.connection.__runCommand__(["scan", cursor != null ? cursor : 0, "match", `b_${this.id}-*_settings`, "count", 10000]));
	        cursor = ~~next;
	        for (i = 0, len = found.length; i < len; i++) {
	          k = found[i];
	          keys.push(k.slice(start, -end));
	        }
	      }
	      return keys;
	    }

	    _startAutoCleanup() {
	      var base;
	      clearInterval(this.interval);
	      return typeof (base = (this.interval = setInterval(async() => {
	        var e, k, ref, results, time, v;
	        time = Date.now();
	        ref = this.instances;
	        results = [];
	        for (k in ref) {
	          v = ref[k];
	          try {
	            if ((await v._store.__groupCheck__(time))) {
	              results.push(this.deleteKey(k));
	            } else {
	              results.push(void 0);
	            }
	          } catch (error) {
	            e = error;
	            results.push(v.Events.trigger("error", e));
	          }
	        }
	        return results;
	      }, this.timeout / 2))).unref === "function" ? base.unref() : void 0;
	    }

	    updateSettings(options = {}) {
	      parser$3.overwrite(options, this.defaults, this);
	      parser$3.overwrite(options, options, this.limiterOptions);
	      if (options.timeout != null) {
	        return this._startAutoCleanup();
	      }
	    }

	    disconnect(flush = true) {
	      var ref;
	      if (!this.sharedConnection) {
	        return (ref = this.connection) != null ? ref.disconnect(flush) : void 0;
	      }
	    }

	  }
	  Group.prototype.defaults = {
	    timeout: 1000 * 60 * 5,
	    connection: null,
	    Promise: Promise,
	    id: "group-key"
	  };

	  return Group;

	}).call(commonjsGlobal);

	var Group_1 = Group;

	var Batcher, Events$3, parser$4;

	parser$4 = parser;

	Events$3 = Events_1;

	Batcher = (function() {
	  class Batcher {
	    constructor(options = {}) {
	      this.options = options;
	      parser$4.load(this.options, this.defaults, this);
	      this.Events = new Events$3(this);
	      this._arr = [];
	      this._resetPromise();
	      this._lastFlush = Date.now();
	    }

	    _resetPromise() {
	      return this._promise = new this.Promise((res, rej) => {
	        return this._resolve = res;
	      });
	    }

	    _flush() {
	      clearTimeout(this._timeout);
	      this._lastFlush = Date.now();
	      this._resolve();
	      this.Events.trigger("batch", this._arr);
	      this._arr = [];
	      return this._resetPromise();
	    }

	    add(data) {
	      var ret;
	      this._arr.push(data);
	      ret = this._promise;
	      if (this._arr.length === this.maxSize) {
	        this._flush();
	      } else if ((this.maxTime != null) && this._arr.length === 1) {
	        this._timeout = setTimeout(() => {
	          return this._flush();
	        }, this.maxTime);
	      }
	      return ret;
	    }

	  }
	  Batcher.prototype.defaults = {
	    maxTime: null,
	    maxSize: null,
	    Promise: Promise
	  };

	  return Batcher;

	}).call(commonjsGlobal);

	var Batcher_1 = Batcher;

	var require$$4$1 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

	var require$$8 = getCjsExportFromNamespace(version$2);

	var Bottleneck, DEFAULT_PRIORITY$1, Events$4, Job$1, LocalDatastore$1, NUM_PRIORITIES$1, Queues$1, RedisDatastore$1, States$1, Sync$1, parser$5,
	  splice = [].splice;

	NUM_PRIORITIES$1 = 10;

	DEFAULT_PRIORITY$1 = 5;

	parser$5 = parser;

	Queues$1 = Queues_1;

	Job$1 = Job_1;

	LocalDatastore$1 = LocalDatastore_1;

	RedisDatastore$1 = require$$4$1;

	Events$4 = Events_1;

	States$1 = States_1;

	Sync$1 = Sync_1;

	Bottleneck = (function() {
	  class Bottleneck {
	    constructor(options = {}, ...invalid) {
	      var storeInstanceOptions, storeOptions;
	      this._addToQueue = this._addToQueue.bind(this);
	      this._validateOptions(options, invalid);
	      parser$5.load(options, this.instanceDefaults, this);
	      this._queues = new Queues$1(NUM_PRIORITIES$1);
	      this._scheduled = {};
	      this._states = new States$1(["RECEIVED", "QUEUED", "RUNNING", "EXECUTING"].concat(this.trackDoneStatus ? ["DONE"] : []));
	      this._limiter = null;
	      this.Events = new Events$4(this);
	      this._submitLock = new Sync$1("submit", this.Promise);
	      this._registerLock = new Sync$1("register", this.Promise);
	      storeOptions = parser$5.load(options, this.storeDefaults, {});
	      this._store = (function() {
	        if (this.datastore === "redis" || this.datastore === "ioredis" || (this.connection != null)) {
	          storeInstanceOptions = parser$5.load(options, this.redisStoreDefaults, {});
	          return new RedisDatastore$1(this, storeOptions, storeInstanceOptions);
	        } else if (this.datastore === "local") {
	          storeInstanceOptions = parser$5.load(options, this.localStoreDefaults, {});
	          return new LocalDatastore$1(this, storeOptions, storeInstanceOptions);
	        } else {
	          throw new Bottleneck.prototype.BottleneckError(`Invalid datastore type: ${this.datastore}`);
	        }
	      }).call(this);
	      this._queues.on("leftzero", () => {
	        var ref;
	        return (ref = this._store.heartbeat) != null ? typeof ref.ref === "function" ? ref.ref() : void 0 : void 0;
	      });
	      this._queues.on("zero", () => {
	        var ref;
	        return (ref = this._store.heartbeat) != null ? typeof ref.unref === "function" ? ref.unref() : void 0 : void 0;
	      });
	    }

	    _validateOptions(options, invalid) {
	      if (!((options != null) && typeof options === "object" && invalid.length === 0)) {
	        throw new Bottleneck.prototype.BottleneckError("Bottleneck v2 takes a single object argument. Refer to https://github.com/SGrondin/bottleneck#upgrading-to-v2 if you're upgrading from Bottleneck v1.");
	      }
	    }

	    ready() {
	      return this._store.ready;
	    }

	    clients() {
	      return this._store.clients;
	    }

	    channel() {
	      return `b_${this.id}`;
	    }

	    channel_client() {
	      return `b_${this.id}_${this._store.clientId}`;
	    }

	    publish(message) {
	      return this._store.__publish__(message);
	    }

	    disconnect(flush = true) {
	      return this._store.__disconnect__(flush);
	    }

	    chain(_limiter) {
	      this._limiter = _limiter;
	      return this;
	    }

	    queued(priority) {
	      return this._queues.queued(priority);
	    }

	    clusterQueued() {
	      return this._store.__queued__();
	    }

	    empty() {
	      return this.queued() === 0 && this._submitLock.isEmpty();
	    }

	    running() {
	      return this._store.__running__();
	    }

	    done() {
	      return this._store.__done__();
	    }

	    jobStatus(id) {
	      return this._states.jobStatus(id);
	    }

	    jobs(status) {
	      return this._states.statusJobs(status);
	    }

	    counts() {
	      return this._states.statusCounts();
	    }

	    _randomIndex() {
	      return Math.random().toString(36).slice(2);
	    }

	    check(weight = 1) {
	      return this._store.__check__(weight);
	    }

	    _clearGlobalState(index) {
	      if (this._scheduled[index] != null) {
	        clearTimeout(this._scheduled[index].expiration);
	        delete this._scheduled[index];
	        return true;
	      } else {
	        return false;
	      }
	    }

	    async _free(index, job, options, eventInfo) {
	      var e, running;
	      try {
	        ({running} = (await this._store.__free__(index, options.weight)));
	        this.Events.trigger("debug", `Freed ${options.id}`, eventInfo);
	        if (running === 0 && this.empty()) {
	          return this.Events.trigger("idle");
	        }
	      } catch (error1) {
	        e = error1;
	        return this.Events.trigger("error", e);
	      }
	    }

	    _run(index, job, wait) {
	      var clearGlobalState, free, run;
	      job.doRun();
	      clearGlobalState = this._clearGlobalState.bind(this, index);
	      run = this._run.bind(this, index, job);
	      free = this._free.bind(this, index, job);
	      return this._scheduled[index] = {
	        timeout: setTimeout(() => {
	          return job.doExecute(this._limiter, clearGlobalState, run, free);
	        }, wait),
	        expiration: job.options.expiration != null ? setTimeout(function() {
	          return job.doExpire(clearGlobalState, run, free);
	        }, wait + job.options.expiration) : void 0,
	        job: job
	      };
	    }

	    _drainOne(capacity) {
	      return this._registerLock.schedule(() => {
	        var args, index, next, options, queue;
	        if (this.queued() === 0) {
	          return this.Promise.resolve(null);
	        }
	        queue = this._queues.getFirst();
	        ({options, args} = next = queue.first());
	        if ((capacity != null) && options.weight > capacity) {
	          return this.Promise.resolve(null);
	        }
	        this.Events.trigger("debug", `Draining ${options.id}`, {args, options});
	        index = this._randomIndex();
	        return this._store.__register__(index, options.weight, options.expiration).then(({success, wait, reservoir}) => {
	          var empty;
	          this.Events.trigger("debug", `Drained ${options.id}`, {success, args, options});
	          if (success) {
	            queue.shift();
	            empty = this.empty();
	            if (empty) {
	              this.Events.trigger("empty");
	            }
	            if (reservoir === 0) {
	              this.Events.trigger("depleted", empty);
	            }
	            this._run(index, next, wait);
	            return this.Promise.resolve(options.weight);
	          } else {
	            return this.Promise.resolve(null);
	          }
	        });
	      });
	    }

	    _drainAll(capacity, total = 0) {
	      return this._drainOne(capacity).then((drained) => {
	        var newCapacity;
	        if (drained != null) {
	          newCapacity = capacity != null ? capacity - drained : capacity;
	          return this._drainAll(newCapacity, total + drained);
	        } else {
	          return this.Promise.resolve(total);
	        }
	      }).catch((e) => {
	        return this.Events.trigger("error", e);
	      });
	    }

	    _dropAllQueued(message) {
	      return this._queues.shiftAll(function(job) {
	        return job.doDrop({message});
	      });
	    }

	    stop(options = {}) {
	      var done, waitForExecuting;
	      options = parser$5.load(options, this.stopDefaults);
	      waitForExecuting = (at) => {
	        var finished;
	        finished = () => {
	          var counts;
	          counts = this._states.counts;
	          return (counts[0] + counts[1] + counts[2] + counts[3]) === at;
	        };
	        return new this.Promise((resolve, reject) => {
	          if (finished()) {
	            return resolve();
	          } else {
	            return this.on("done", () => {
	              if (finished()) {
	                this.removeAllListeners("done");
	                return resolve();
	              }
	            });
	          }
	        });
	      };
	      done = options.dropWaitingJobs ? (this._run = function(index, next) {
	        return next.doDrop({
	          message: options.dropErrorMessage
	        });
	      }, this._drainOne = () => {
	        return this.Promise.resolve(null);
	      }, this._registerLock.schedule(() => {
	        return this._submitLock.schedule(() => {
	          var k, ref, v;
	          ref = this._scheduled;
	          for (k in ref) {
	            v = ref[k];
	            if (this.jobStatus(v.job.options.id) === "RUNNING") {
	              clearTimeout(v.timeout);
	              clearTimeout(v.expiration);
	              v.job.doDrop({
	                message: options.dropErrorMessage
	              });
	            }
	          }
	          this._dropAllQueued(options.dropErrorMessage);
	          return waitForExecuting(0);
	        });
	      })) : this.schedule({
	        priority: NUM_PRIORITIES$1 - 1,
	        weight: 0
	      }, () => {
	        return waitForExecuting(1);
	      });
	      this._receive = function(job) {
	        return job._reject(new Bottleneck.prototype.BottleneckError(options.enqueueErrorMessage));
	      };
	      this.stop = () => {
	        return this.Promise.reject(new Bottleneck.prototype.BottleneckError("stop() has already been called"));
	      };
	      return done;
	    }

	    async _addToQueue(job) {
	      var args, blocked, error, options, reachedHWM, shifted, strategy;
	      ({args, options} = job);
	      try {
	        ({reachedHWM, blocked, strategy} = (await this._store.__submit__(this.queued(), options.weight)));
	      } catch (error1) {
	        error = error1;
	        this.Events.trigger("debug", `Could not queue ${options.id}`, {args, options, error});
	        job.doDrop({error});
	        return false;
	      }
	      if (blocked) {
	        job.doDrop();
	        return true;
	      } else if (reachedHWM) {
	        shifted = strategy === Bottleneck.prototype.strategy.LEAK ? this._queues.shiftLastFrom(options.priority) : strategy === Bottleneck.prototype.strategy.OVERFLOW_PRIORITY ? this._queues.shiftLastFrom(options.priority + 1) : strategy === Bottleneck.prototype.strategy.OVERFLOW ? job : void 0;
	        if (shifted != null) {
	          shifted.doDrop();
	        }
	        if ((shifted == null) || strategy === Bottleneck.prototype.strategy.OVERFLOW) {
	          if (shifted == null) {
	            job.doDrop();
	          }
	          return reachedHWM;
	        }
	      }
	      job.doQueue(reachedHWM, blocked);
	      this._queues.push(job);
	      await this._drainAll();
	      return reachedHWM;
	    }

	    _receive(job) {
	      if (this._states.jobStatus(job.options.id) != null) {
	        job._reject(new Bottleneck.prototype.BottleneckError(`A job with the same id already exists (id=${job.options.id})`));
	        return false;
	      } else {
	        job.doReceive();
	        return this._submitLock.schedule(this._addToQueue, job);
	      }
	    }

	    submit(...args) {
	      var cb, fn, job, options, ref, ref1, task;
	      if (typeof args[0] === "function") {
	        ref = args, [fn, ...args] = ref, [cb] = splice.call(args, -1);
	        options = parser$5.load({}, this.jobDefaults);
	      } else {
	        ref1 = args, [options, fn, ...args] = ref1, [cb] = splice.call(args, -1);
	        options = parser$5.load(options, this.jobDefaults);
	      }
	      task = (...args) => {
	        return new this.Promise(function(resolve, reject) {
	          return fn(...args, function(...args) {
	            return (args[0] != null ? reject : resolve)(args);
	          });
	        });
	      };
	      job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
	      job.promise.then(function(args) {
	        return typeof cb === "function" ? cb(...args) : void 0;
	      }).catch(function(args) {
	        if (Array.isArray(args)) {
	          return typeof cb === "function" ? cb(...args) : void 0;
	        } else {
	          return typeof cb === "function" ? cb(args) : void 0;
	        }
	      });
	      return this._receive(job);
	    }

	    schedule(...args) {
	      var job, options, task;
	      if (typeof args[0] === "function") {
	        [task, ...args] = args;
	        options = {};
	      } else {
	        [options, task, ...args] = args;
	      }
	      job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
	      this._receive(job);
	      return job.promise;
	    }

	    wrap(fn) {
	      var schedule, wrapped;
	      schedule = this.schedule.bind(this);
	      wrapped = function(...args) {
	        return schedule(fn.bind(this), ...args);
	      };
	      wrapped.withOptions = function(options, ...args) {
	        return schedule(options, fn, ...args);
	      };
	      return wrapped;
	    }

	    async updateSettings(options = {}) {
	      await this._store.__updateSettings__(parser$5.overwrite(options, this.storeDefaults));
	      parser$5.overwrite(options, this.instanceDefaults, this);
	      return this;
	    }

	    currentReservoir() {
	      return this._store.__currentReservoir__();
	    }

	    incrementReservoir(incr = 0) {
	      return this._store.__incrementReservoir__(incr);
	    }

	  }
	  Bottleneck.default = Bottleneck;

	  Bottleneck.Events = Events$4;

	  Bottleneck.version = Bottleneck.prototype.version = require$$8.version;

	  Bottleneck.strategy = Bottleneck.prototype.strategy = {
	    LEAK: 1,
	    OVERFLOW: 2,
	    OVERFLOW_PRIORITY: 4,
	    BLOCK: 3
	  };

	  Bottleneck.BottleneckError = Bottleneck.prototype.BottleneckError = BottleneckError_1;

	  Bottleneck.Group = Bottleneck.prototype.Group = Group_1;

	  Bottleneck.RedisConnection = Bottleneck.prototype.RedisConnection = require$$2;

	  Bottleneck.IORedisConnection = Bottleneck.prototype.IORedisConnection = require$$3;

	  Bottleneck.Batcher = Bottleneck.prototype.Batcher = Batcher_1;

	  Bottleneck.prototype.jobDefaults = {
	    priority: DEFAULT_PRIORITY$1,
	    weight: 1,
	    expiration: null,
	    id: "<no-id>"
	  };

	  Bottleneck.prototype.storeDefaults = {
	    maxConcurrent: null,
	    minTime: 0,
	    highWater: null,
	    strategy: Bottleneck.prototype.strategy.LEAK,
	    penalty: null,
	    reservoir: null,
	    reservoirRefreshInterval: null,
	    reservoirRefreshAmount: null,
	    reservoirIncreaseInterval: null,
	    reservoirIncreaseAmount: null,
	    reservoirIncreaseMaximum: null
	  };

	  Bottleneck.prototype.localStoreDefaults = {
	    Promise: Promise,
	    timeout: null,
	    heartbeatInterval: 250
	  };

	  Bottleneck.prototype.redisStoreDefaults = {
	    Promise: Promise,
	    timeout: null,
	    heartbeatInterval: 5000,
	    clientTimeout: 10000,
	    Redis: null,
	    clientOptions: {},
	    clusterNodes: null,
	    clearDatastore: false,
	    connection: null
	  };

	  Bottleneck.prototype.instanceDefaults = {
	    datastore: "local",
	    connection: null,
	    id: "<no-id>",
	    rejectOnDrop: true,
	    trackDoneStatus: false,
	    Promise: Promise
	  };

	  Bottleneck.prototype.stopDefaults = {
	    enqueueErrorMessage: "This limiter has been stopped and cannot accept new jobs.",
	    dropWaitingJobs: true,
	    dropErrorMessage: "This limiter has been stopped."
	  };

	  return Bottleneck;

	}).call(commonjsGlobal);

	var Bottleneck_1 = Bottleneck;

	var lib = Bottleneck_1;

	return lib;

})));


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
  Pq: () => (/* binding */ setSecret)
});

// UNUSED EXPORTS: ExitCode, addPath, endGroup, error, exportVariable, getBooleanInput, getIDToken, getInput, getMultilineInput, getState, group, info, isDebug, markdownSummary, notice, saveState, setCommandEcho, setFailed, setOutput, startGroup, summary, toPlatformPath, toPosixPath, toWin32Path, warning

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
    if (!fs.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    fs.appendFileSync(filePath, `${toCommandValue(message)}${os.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${os.EOL}${convertedValue}${os.EOL}${delimiter}`;
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
const summary = (/* unused pure expression or super */ null && (_summary));
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
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(os.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
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
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
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
    process.stdout.write(message + os.EOL);
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
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  R: () => (/* binding */ server_handler)
});

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
;// CONCATENATED MODULE: ../core/src/types.ts
// The contracts every action shares. Shapes here are what design.md's tables mean in code.
/**
 * The immutable key for a person everywhere (design.md's event table). At least one letter or digit: the id
 * names the ledger file, so `.`, `..` and the like are never ids.
 */
const types_EMPLOYEE_ID_PATTERN = /^(?=[._-]*[A-Za-z0-9])[A-Za-z0-9._-]{1,64}$/;
/** The rule EMPLOYEE_ID_PATTERN enforces, for error messages. */
const types_EMPLOYEE_ID_RULE = 'must be 1-64 of A-Z a-z 0-9 . _ - with at least one letter or digit';
const types_EVENT_TYPES = ['onboard', 'role-change', 'offboard'];
/** What a person may ask for by hand (workflow_dispatch): a rerun of an HR event, or an emergency offboard. */
const types_RERUN_TYPES = [...types_EVENT_TYPES, 'offboard-now'];
/** The systems onramp grants access in; `slack` is the role channels. */
const types_SYSTEMS = (/* unused pure expression or super */ null && (['identity', 'github', 'aws', 'slack']));

;// CONCATENATED MODULE: ../core/src/granted.ts
// What onramp granted a person, per system, as item keys: what it may take away. One place says which item
// keys a role's definition means, and how a record written before `granted` existed is read (never as
// "revoke everything": as what the map gives the record's role).

/** `assignment:<account>/<permission set arn>`: an Identity Center assignment's item key. */
function granted_assignmentKey(a) {
    return `${granted_ITEM_KEY_PREFIX.ssoAssignment}${a.account}/${a.permissionSet}`;
}
/** The assignment an item key names (the account is the part before the first `/`). */
function granted_assignmentOf(key) {
    const rest = key.slice(granted_ITEM_KEY_PREFIX.ssoAssignment.length);
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
const granted_ITEM_KEY_PREFIX = {
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
        identity: sorted(keys(granted_ITEM_KEY_PREFIX.identityGroup, n.identityGroups)),
        github: sorted(keys(granted_ITEM_KEY_PREFIX.githubTeam, n.teams?.map((t) => t.slug))),
        aws: sorted([
            ...keys(granted_ITEM_KEY_PREFIX.awsGroup, n.awsGroups),
            ...keys(granted_ITEM_KEY_PREFIX.awsPolicy, n.policies),
            ...(n.assignments ?? []).map(granted_assignmentKey),
            ...keys(granted_ITEM_KEY_PREFIX.ssoGroup, n.ssoGroups),
        ]),
        slack: sorted(keys(granted_ITEM_KEY_PREFIX.slackChannel, n.channels)),
    };
}
/** The item keys a role's definition grants, per system (every system present, empty when not named). */
function granted_roleItems(role) {
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
function granted_roleOf(map, key) {
    return key !== undefined && Object.hasOwn(map.roles, key) ? map.roles[key] : undefined;
}
/**
 * The record's `granted`, per system where it is known: the recorded list; for Slack, else the channels notify
 * recorded inviting to (`ids.slack.channels`, kept before `granted` existed); else, when the record's `steps`
 * show the system's step ran (Slack: whatever ran) without recording any, none. A system left absent is read
 * as what the map gives the record's role (`grantedOrRole`): a record from before `granted` existed, or a
 * record-like object without steps.
 */
function granted_recordGranted(record) {
    const out = {};
    const steps = record?.steps;
    for (const s of SYSTEMS) {
        const recorded = record?.granted?.[s];
        const channels = s === 'slack' ? record?.ids?.slack?.channels : undefined;
        if (recorded)
            out[s] = sorted(recorded);
        else if (channels)
            out[s] = sorted(channels.map((c) => granted_ITEM_KEY_PREFIX.slackChannel + c));
        // Notify kept `ids.slack.channels` whenever it invited anyone: a record with steps and none invited nobody.
        else if (steps && (s === 'slack' || !steps[granted_GRANTING_STEP[s]]))
            out[s] = [];
    }
    return out;
}
/** Per system, what onramp may take away: the known list, else what `map` gives `role`. */
function granted_grantedOrRole(granted, map, role) {
    const implied = granted_roleItems(granted_roleOf(map, role));
    const out = {};
    for (const s of SYSTEMS)
        out[s] = granted[s] ? sorted(granted[s]) : implied[s];
    return out;
}
/** `group:backend` → `backend` for keys of `prefix`; other keys are dropped. */
function granted_namesOf(keys, prefix) {
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
;// CONCATENATED MODULE: ../core/src/dates.ts
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
function dates_calendarDayStart(date, zone) {
    if (!dates_isCalendarDate(date))
        return undefined;
    const [year, month, day] = date.split('-').map(Number);
    return firstReading(new TZDate(year, month - 1, day, zone));
}
/** Whether `s` is YYYY-MM-DD and a day on the calendar (not 2026-02-30). */
function dates_isCalendarDate(s) {
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
        const earlier = new TZDate(d.getTime() - back, d.timeZone);
        if (wall(earlier) === wall(d))
            return earlier.getTime();
    }
    return d.getTime();
}
/** 00:00 of a calendar date (YYYY-MM-DD) in `zone`, as epoch ms. */
function startOfDate(date, zone) {
    const ms = dates_calendarDayStart(date, zone);
    if (ms === undefined)
        throw new Error(`not a calendar date (YYYY-MM-DD) in ${zone}`);
    return ms;
}
/** `ms` moved by whole calendar days in `zone`, keeping the local time of day (DST-correct). */
function dates_shiftDays(ms, days, zone) {
    const d = new TZDate(ms, zone);
    d.setDate(d.getDate() + days);
    return firstReading(d);
}
/** `ms` (a local midnight) at `hour`:00 the same day in `zone`. */
function atHour(ms, hour, zone) {
    const d = new TZDate(ms, zone);
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
    const end = event.lastHour !== undefined ? atHour(day, event.lastHour, policy.timeZone) : dates_shiftDays(day, 1, policy.timeZone);
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
        add('github', githubDaysBefore ? 'early' : 'start', dates_shiftDays(start, -githubDaysBefore, zone));
        add('aws', awsDaysBefore ? 'early' : 'start', dates_shiftDays(start, -awsDaysBefore, zone));
        add('notify', 'welcome', dates_shiftDays(start, -welcomeDaysBefore, zone));
        add('notify', 'start', start);
    }
    const end = accessEndsAt(event, policy);
    if (end !== undefined) {
        if (event.lastDay && !event.urgent)
            for (const step of ['identity', 'github', 'aws', 'notify'])
                add(step, 'leave', end);
        const { deactivateAfterDays, deleteAfterDays } = policy.leaver;
        if (deactivateAfterDays)
            add('identity', 'deactivate', dates_shiftDays(end, deactivateAfterDays, zone));
        if (deleteAfterDays)
            add('aws', 'delete', dates_shiftDays(end, deleteAfterDays, zone));
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
    const d = new TZDate(ms, zone);
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())} ${zone}`;
}

;// CONCATENATED MODULE: ../core/src/grants.ts
// Time-bound grants: extra items from guardrails `grants.allowed` for one person until a time. Two reviewed ways
// in: an entry of .github/access/grants.yaml (a reviewed pull request; keyed by its id) and grant.yml
// (workflow_dispatch through the protected `onramp-grant` environment; keyed `run-<run id>`). The ledger keeps
// every grant the person had (TimeBoundGrant in @onramp/ledger); while `now < until` and not ended its items are
// desired (plan.ts), so at `until` they drop out and granted − desired removes them like any other removal.



/** The file's (and grant.yml's) kinds of item: which system, which item key prefix, which allowlist. */
const GRANT_KINDS = {
    'identity-groups': { system: 'identity', prefix: granted_ITEM_KEY_PREFIX.identityGroup, allowed: 'identityGroups' },
    'github-teams': { system: 'github', prefix: granted_ITEM_KEY_PREFIX.githubTeam, allowed: 'githubTeams' },
    'aws-policies': { system: 'aws', prefix: granted_ITEM_KEY_PREFIX.awsPolicy, allowed: 'awsPolicies' },
    'aws-groups': { system: 'aws', prefix: granted_ITEM_KEY_PREFIX.awsGroup, allowed: 'awsGroups' },
    'slack-channels': { system: 'slack', prefix: granted_ITEM_KEY_PREFIX.slackChannel, allowed: 'slackChannels' },
};
const GRANT_KIND_NAMES = Object.keys(GRANT_KINDS);
const grants_iso = (ms) => new Date(ms).toISOString();
/** Item keys per system from names per kind (`github-teams: [sre]` → `github: ['team:sre']`), sorted. */
function grants_grantItems(kinds) {
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
function grants_grantItemProblems(kinds, guardrails, field) {
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
function grants_untilMs(value, zone) {
    // Date.parse refuses 25:00 and an offset past ±23:59 but rolls 2026-02-30 over into March: the day is checked.
    if (!isCalendarDate(value.slice(0, 10)))
        return undefined;
    if (value.length === 10)
        return calendarDayStart(value, zone);
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
}
function grants_isActive(grant, now) {
    return !grant.ended && Date.parse(grant.until) > now;
}
/** The items of the grants active at `now`, per system, sorted. */
function grants_activeGrantItems(grants, now) {
    const out = {};
    for (const s of SYSTEMS)
        out[s] = [];
    for (const g of grants ?? [])
        if (grants_isActive(g, now))
            for (const s of SYSTEMS)
                out[s].push(...(g.items[s] ?? []));
    for (const s of SYSTEMS)
        out[s] = [...new Set(out[s])].sort();
    return out;
}
/**
 * The person's grants with the file's entries for them brought in: a new entry is recorded from `now`; a
 * recorded file grant takes the file's items and end (a reviewed edit); one that left the file before it ended is
 * ended `withdrawn`. An ended grant stays ended (a new grant takes a new id). Grants from grant.yml are kept as
 * they are. Deterministic: the same inputs give the same list, so a rerun writes nothing new.
 */
function grants_mergeFileGrants(recorded, file, now, approvedBy) {
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
function grants_durationProblem(grant, guardrails, field) {
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
        for (const s of SYSTEMS)
            if (g.items[s]?.length)
                steps.add(GRANTING_STEP[s]);
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

;// CONCATENATED MODULE: ../core/src/access-plan.ts
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
        const desired = Object.fromEntries(SYSTEMS.map((s) => [s, [...new Set([...role[s], ...extra[s]])].sort()]));
        // A record without `granted` reads as what the map in force (the base) gives its role.
        const granted = grantedOrRole(recordGranted(record), base?.roles ?? head.roles, record.role);
        const login = record.ids?.github?.login;
        const systems = {};
        for (const s of SYSTEMS) {
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
        items: SYSTEMS.flatMap((s) => g.items[s] ?? []),
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
        for (const s of SYSTEMS) {
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

;// CONCATENATED MODULE: ../core/src/access-plan-markdown.ts
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
var lib_core = __nccwpck_require__(222);
;// CONCATENATED MODULE: ../core/src/errors.ts
// A user error is bad input (a payload, a YAML file, an input): the message names the place and the rule
// and never the value. Anything else is a bug or an outage and is reported as such.
class errors_UserError extends Error {
    problems;
    constructor(problems) {
        const list = Array.isArray(problems) ? problems : [problems];
        super(list.map(errors_formatProblem).join('\n'));
        this.name = 'UserError';
        this.problems = list;
    }
}
function errors_formatProblem(p) {
    const where = [p.file && `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`, p.field]
        .filter(Boolean)
        .join(' ');
    return where ? `${where}: ${p.rule}` : p.rule;
}

;// CONCATENATED MODULE: ../core/src/summary.ts
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
function summary_renderSummary({ title, plan, receipts, note, rerun }) {
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

;// CONCATENATED MODULE: ../core/src/io.ts
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
        const raw = core.getInput(name);
        if (s.kind === 'secret' && raw) {
            core.setSecret(raw);
            // A list of keys (one per line or comma-separated, for rotation): each one masked on its own too.
            const parts = raw.split(/[\n,]/).map((part) => part.trim());
            if (parts.length > 1)
                for (const part of parts)
                    if (part.length >= 8)
                        core.setSecret(part);
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
                        out[camel(name)] = core.getBooleanInput(name);
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
        throw new UserError(problems);
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
    'employee-id': input.optional({ pattern: types_EMPLOYEE_ID_PATTERN, rule: types_EMPLOYEE_ID_RULE }),
    'event-type': input.enum(types_RERUN_TYPES, { optional: true }),
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
const publicIds = (/* unused pure expression or super */ null && ([]));
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
            core.setSecret(v);
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
            core.setSecret(form);
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
function io_redactPersonalData(text, replacement = '[personal]') {
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
        core.setOutput(k, v);
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
    await core.summary.addRaw(withholdPersonalData(markdown, 'the job summary')).write();
}
/**
 * Text for a place people read (the job summary, a pull request comment) with every registered personal value
 * replaced by `[personal]`, and a warning naming `where` when anything was.
 */
function withholdPersonalData(text, where) {
    if (!containsPersonalData(text))
        return text;
    core.warning(`onramp: personal data was withheld from ${where} ([personal])`);
    return io_redactPersonalData(text);
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
    if (error instanceof UserError) {
        for (const p of error.problems) {
            core.error(formatProblem(p), {
                title: 'onramp: invalid input',
                file: p.file,
                startLine: p.line,
                startColumn: p.line ? p.column : undefined,
            });
        }
        core.setFailed(`onramp: ${error.problems.length} problem(s) in the input; see the annotations`);
        return;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof Error && error.stack)
        core.debug(io_redactPersonalData(error.stack));
    core.setFailed(`onramp: unexpected failure (a bug or an outage): ${io_redactPersonalData(message)}`);
}

;// CONCATENATED MODULE: ../core/src/audit.ts
// The structured audit log: one JSON object per line on stdout, so a log search can rebuild what each run did
// to each person. Only the employee_id and identifiers appear; personal data is redacted, or correlated
// through a keyed hash when a value must be matched across runs without being readable.



function createAuditLog(options = {}) {
    const write = options.write ?? ((line) => core.info(line));
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

;// CONCATENATED MODULE: ../core/src/retry.ts
// The one retry policy: exponential backoff with full jitter, capped, with a bounded number of attempts.
// Server hints (Retry-After, rate-limit reset headers) win over the computed delay. Clock and sleep are
// injectable so tests run instantly and can assert every delay.
const DEFAULT_POLICY = { baseMs: 1000, capMs: 30_000, maxAttempts: 5, deadlineMs: 120_000 };
const retry_systemClock = {
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
class retry_RetryExhaustedError extends Error {
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
async function retry_withRetry(fn, classify, policy = DEFAULT_POLICY, clock = retry_systemClock) {
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
                throw new retry_RetryExhaustedError(attempt, error);
            const wait = Math.max(verdict.waitMs ?? 0, backoffDelay(attempt - 1, policy, clock.random));
            if (clock.now() + wait - started > policy.deadlineMs)
                throw new retry_RetryExhaustedError(attempt, error);
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

;// CONCATENATED MODULE: ../core/src/budget.ts
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
    constructor(size, periodMs, clock = retry_systemClock, 
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
    constructor(names, clock = retry_systemClock) {
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
        const resetAt = now + reset * 1000 - (Number.isNaN(serverNow) ? now : serverNow) + RESET_MARGIN_MS;
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
    const id = (0,external_node_crypto_.createHash)('sha256')
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
function githubBudget(clock = retry_systemClock, limits = GITHUB_LIMITS, contentShare) {
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
                const wait = serverWaitMs({ 'retry-after': retryAfter }, clock.now());
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

;// CONCATENATED MODULE: ../core/src/clock.ts
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
        return systemClock;
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
        return systemClock;
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

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ../core/src/generated/validators.js
// Generated by scripts/generate-validators.mjs from packages/core/schema. Do not edit.

const validators_validateRoles = (/* unused pure expression or super */ null && (validate20));
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

const validators_validateGuardrails = (/* unused pure expression or super */ null && (validate25));
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

const validators_validateGrants = (/* unused pure expression or super */ null && (validate28));
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

const validators_schemas = {"roles":{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"onramp role map (.github/access/roles.yaml)","type":"object","additionalProperties":false,"required":["version","roles"],"properties":{"version":{"const":1,"title":"schema version","description":"must be 1"},"roles":{"type":"object","title":"role map","description":"at least one role; keys are lower-case kebab-case role names","minProperties":1,"propertyNames":{"$ref":"#/$defs/roleKey"},"additionalProperties":{"$ref":"#/$defs/role"}}},"$defs":{"roleKey":{"type":"string","title":"role name","description":"lower-case letters and digits in hyphen-separated words, at most 64 characters","maxLength":64,"pattern":"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"},"role":{"type":"object","additionalProperties":false,"required":["description"],"properties":{"description":{"type":"string","title":"description","description":"one line of 1 to 200 characters without control characters","minLength":1,"maxLength":200,"pattern":"^[^\\u0000-\\u001f\\u007f-\\u009f]+$"},"identity":{"type":"object","description":"identity-provider groups the role is a member of","additionalProperties":false,"properties":{"groups":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/idpGroup"}}}},"github":{"type":"object","description":"GitHub organisation teams; membership of the org itself is implied","additionalProperties":false,"properties":{"teams":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/team"}}}},"aws":{"type":"object","description":"AWS access. With guardrails aws.mode identity-center: identity-center only. With IAM users: groups and policies (every policy in guardrails aws.allowed-policies), console","additionalProperties":false,"properties":{"groups":{"type":"array","uniqueItems":true,"maxItems":10,"items":{"$ref":"#/$defs/awsGroup"}},"policies":{"type":"array","uniqueItems":true,"maxItems":20,"items":{"$ref":"#/$defs/policyArn"}},"console":{"type":"boolean","description":"IAM-user mode only: the role's people sign in to the console through the identity provider; onramp never creates an IAM password (default false)"},"identity-center":{"type":"object","additionalProperties":false,"description":"IAM Identity Center access: account and permission set assignments and groups, each in the guardrails' allowlists","properties":{"assignments":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/assignment"}},"groups":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/ssoGroup"}}}}}},"slack":{"type":"object","additionalProperties":false,"properties":{"channels":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/channel"}}}},"setup":{"type":"object","description":"what the new hire's dev-setup script prepares","additionalProperties":false,"properties":{"repos":{"type":"array","uniqueItems":true,"maxItems":100,"items":{"$ref":"#/$defs/repo"}}}}}},"idpGroup":{"type":"string","title":"identity group name","description":"letters, digits, spaces, '.', '_' or '-', starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._-]*[A-Za-z0-9])?$"},"teamSlug":{"type":"string","title":"GitHub team slug","description":"lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100 characters","maxLength":100,"pattern":"^[a-z0-9][a-z0-9._-]*$"},"team":{"oneOf":[{"$ref":"#/$defs/teamSlug"},{"type":"object","additionalProperties":false,"required":["slug"],"properties":{"slug":{"$ref":"#/$defs/teamSlug"},"role":{"enum":["member","maintainer"],"title":"team role","description":"member or maintainer (default member)"}}}]},"awsGroup":{"type":"string","title":"IAM group name","description":"letters, digits and +=,.@_- only, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9+=,.@_-]+$"},"policyArn":{"type":"string","title":"IAM managed policy ARN","description":"arn:aws:iam::aws:policy/NAME or arn:aws:iam::<12-digit account>:policy/PATH/NAME","maxLength":2048,"pattern":"^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"},"channel":{"type":"string","title":"Slack channel","description":"'#' then lower-case letters, digits, '_' or '-', at most 80 characters after the '#'","maxLength":81,"pattern":"^#[a-z0-9][a-z0-9_-]*$"},"repo":{"type":"string","title":"repository","description":"owner/name: owner of letters, digits and single hyphens (at most 39), name of letters, digits, '.', '_' or '-' (at most 100, not '.' or '..')","maxLength":140,"pattern":"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$"},"assignment":{"type":"object","additionalProperties":false,"required":["account","permission-set"],"properties":{"account":{"type":"string","title":"AWS account id","description":"12 digits","pattern":"^[0-9]{12}$"},"permission-set":{"type":"string","title":"permission set ARN","description":"arn:aws:sso:::permissionSet/ssoins-<16 characters>/ps-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"}}},"ssoGroup":{"type":"string","title":"Identity Center group name","description":"letters, digits, spaces and ._@+-, starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"}}},"guardrails":{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"onramp guardrails (.github/access/guardrails.yaml)","type":"object","additionalProperties":false,"required":["version","email-domains"],"properties":{"version":{"const":1,"title":"schema version","description":"must be 1"},"email-domains":{"type":"array","description":"the only domains a person's email may be in (exact match, ASCII/IDNA form)","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/domain"}},"github":{"type":"object","additionalProperties":false,"required":["org"],"properties":{"org":{"$ref":"#/$defs/login"},"protected-logins":{"type":"array","description":"accounts onramp never removes or changes (owners, break-glass, bots)","uniqueItems":true,"items":{"$ref":"#/$defs/login"},"default":[]},"max-invitation-resends":{"type":"integer","title":"max-invitation-resends","description":"an integer from 0 to 10 (default 3)","minimum":0,"maximum":10,"default":3},"invitation-deadline-days":{"type":"integer","title":"invitation-deadline-days","description":"an integer from 1 to 365 (default 14): days after the HR event an invitation still unaccepted is reported overdue","minimum":1,"maximum":365,"default":14},"invitation-cap":{"enum":[50,500],"title":"invitation-cap","description":"organisation invitations per 24 hours: 50 for a new org, 500 otherwise (default 50)","default":50},"max-removals":{"type":"integer","title":"max-removals","description":"an integer from 0 to 1000: most removals one run may make before it aborts (default 10)","minimum":0,"maximum":1000,"default":10}}},"aws":{"type":"object","additionalProperties":false,"properties":{"mode":{"enum":["identity-center","iam-users"],"title":"aws.mode","description":"identity-center or iam-users (default iam-users)"},"user-path":{"type":"string","title":"IAM path","description":"begins and ends with '/', segments of letters, digits and +=,.@_-, at most 512 characters","maxLength":512,"pattern":"^/(?:[A-Za-z0-9+=,.@_-]+/)*$"},"permissions-boundary":{"$ref":"#/$defs/policyArn"},"allowed-policies":{"type":"array","description":"every policy a role may attach","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/policyArn"}},"identity-center":{"$ref":"#/$defs/identityCenter"}},"description":"AWS access: IAM Identity Center permission sets and groups (mode identity-center, recommended), or IAM users (mode iam-users, the default when mode is absent)"},"slack":{"type":"object","additionalProperties":false,"required":["announce-channel","alerts-channel"],"properties":{"announce-channel":{"$ref":"#/$defs/channel"},"alerts-channel":{"$ref":"#/$defs/channel"}}},"guard":{"type":"object","additionalProperties":false,"description":"the mass-change guard over every system, evaluated on the access plan before any change","properties":{"max-removals":{"type":"integer","title":"guard.max-removals","description":"an integer from 0 to 100000: most item removals one run may make over all systems (default 100)","minimum":0,"maximum":100000,"default":100},"max-share":{"type":"number","title":"guard.max-share","description":"a percentage from 0 to 100: most of the managed people one run may take anything away from (default 25)","minimum":0,"maximum":100,"default":25}}},"events":{"type":"object","additionalProperties":false,"properties":{"max-age":{"type":"string","title":"events.max-age","description":"how long a signed HR event stays valid after it was signed: 1-9999m, 1-168h or 1-7d (default 24h)","pattern":"^(?:[1-9][0-9]{0,3}m|(?:[1-9]|[1-9][0-9]|1[0-5][0-9]|16[0-8])h|[1-7]d)$","default":"24h"}}},"dates":{"type":"object","additionalProperties":false,"description":"when dated HR events take effect: a joiner's start date and a leaver's last day, in the organization's time zone","properties":{"time-zone":{"type":"string","title":"dates.time-zone","description":"an IANA time zone name such as Europe/Berlin or America/Los_Angeles: the zone start dates and last days are read in (default UTC)","pattern":"^(?:UTC|[A-Za-z]+(?:/[A-Za-z0-9_+-]+){1,2})$","default":"UTC"},"joiner":{"type":"object","additionalProperties":false,"description":"before a start date: the identity provider account exists STAGED; these say how early the rest happens","properties":{"github-days-before":{"type":"integer","title":"dates.joiner.github-days-before","description":"an integer from 0 to 60: days before the start date the GitHub invitation goes out (default 0: on the day)","minimum":0,"maximum":60,"default":0},"aws-days-before":{"type":"integer","title":"dates.joiner.aws-days-before","description":"an integer from 0 to 60: days before the start date AWS access is granted (default 0: on the day)","minimum":0,"maximum":60,"default":0},"welcome-days-before":{"type":"integer","title":"dates.joiner.welcome-days-before","description":"an integer from 0 to 60: days before the start date the welcome email goes to the personal email and the manager hears what is ready (default 3)","minimum":0,"maximum":60,"default":3}}},"leaver":{"type":"object","additionalProperties":false,"description":"after a last day: access ends at the end of that day; these schedule what follows","properties":{"deactivate-after-days":{"type":"integer","title":"dates.leaver.deactivate-after-days","description":"an integer from 1 to 3650: days after access ended that the identity provider user (suspended then) is deactivated; absent: never by date","minimum":1,"maximum":3650},"delete-after-days":{"type":"integer","title":"dates.leaver.delete-after-days","description":"an integer from 1 to 3650: days after access ended that the IAM user (or the Identity Store user onramp created) is deleted; absent: never by date","minimum":1,"maximum":3650}}}}},"grants":{"type":"object","additionalProperties":false,"description":"time-bound grants: extra access for one person for a limited time, from this allowlist only","properties":{"max-days":{"type":"integer","title":"grants.max-days","description":"an integer from 1 to 365: the longest a time-bound grant may last (default 30)","minimum":1,"maximum":365,"default":30},"allowed":{"type":"object","additionalProperties":false,"description":"what a time-bound grant may give","properties":{"identity-groups":{"type":"array","title":"grants.allowed.identity-groups","description":"identity provider group names a grant may add","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"github-teams":{"type":"array","title":"grants.allowed.github-teams","description":"GitHub team slugs a grant may add (as member)","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"aws-policies":{"type":"array","title":"grants.allowed.aws-policies","description":"IAM policy ARNs a grant may attach (each also in aws.allowed-policies)","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"aws-groups":{"type":"array","title":"grants.allowed.aws-groups","description":"IAM group names a grant may add","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}},"slack-channels":{"type":"array","title":"grants.allowed.slack-channels","description":"Slack channels a grant may add","uniqueItems":true,"maxItems":500,"items":{"type":"string","minLength":1,"maxLength":2048}}}}}}},"$defs":{"domain":{"type":"string","title":"email domain","description":"a lower-case ASCII (IDNA) domain name with at least two labels","maxLength":253,"pattern":"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$"},"login":{"type":"string","title":"GitHub login","description":"letters, digits and single hyphens, not starting or ending with a hyphen, at most 39 characters","maxLength":39,"pattern":"^[A-Za-z0-9](?:-?[A-Za-z0-9])*$"},"policyArn":{"type":"string","title":"IAM managed policy ARN","description":"arn:aws:iam::aws:policy/NAME or arn:aws:iam::<12-digit account>:policy/PATH/NAME","maxLength":2048,"pattern":"^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|[0-9]{12}):policy/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$"},"channel":{"type":"string","title":"Slack channel","description":"'#' then lower-case letters, digits, '_' or '-', at most 80 characters after the '#'","maxLength":81,"pattern":"^#[a-z0-9][a-z0-9_-]*$"},"identityCenter":{"type":"object","additionalProperties":false,"description":"the IAM Identity Center instance onramp manages access in, and its allowlists","required":["instance-arn","identity-store-id","region","start-url","accounts","permission-sets"],"properties":{"instance-arn":{"$ref":"#/$defs/instanceArn"},"identity-store-id":{"$ref":"#/$defs/identityStoreId"},"region":{"$ref":"#/$defs/awsRegion"},"start-url":{"$ref":"#/$defs/startUrl"},"users":{"enum":["idp","onramp"],"title":"users","description":"idp: the identity provider provisions users by SCIM and onramp finds them; onramp: onramp creates them (default idp)","default":"idp"},"on-offboard":{"enum":["keep","delete"],"title":"on-offboard","description":"keep or delete the Identity Store user of a leaver once its access is gone; only a user onramp created is deleted (default keep)","default":"keep"},"accounts":{"type":"array","description":"the AWS accounts roles may assign permission sets in","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/accountId"}},"permission-sets":{"type":"array","description":"the permission sets roles may assign, by ARN","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/permissionSetArn"}},"groups":{"type":"array","description":"Identity Center groups roles may make people members of, by display name","uniqueItems":true,"items":{"$ref":"#/$defs/ssoGroup"},"default":[]}}},"accountId":{"type":"string","title":"AWS account id","description":"12 digits","pattern":"^[0-9]{12}$"},"permissionSetArn":{"type":"string","title":"permission set ARN","description":"arn:aws:sso:::permissionSet/ssoins-<16 characters>/ps-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet/(?:sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$"},"ssoGroup":{"type":"string","title":"Identity Center group name","description":"letters, digits, spaces and ._@+-, starting and ending with a letter or digit, at most 128 characters","maxLength":128,"pattern":"^[A-Za-z0-9](?:[A-Za-z0-9 ._@+-]*[A-Za-z0-9])?$"},"instanceArn":{"type":"string","title":"Identity Center instance ARN","description":"arn:aws:sso:::instance/ssoins-<16 characters>","maxLength":1224,"pattern":"^arn:aws(?:-cn|-us-gov)?:sso:::instance/(?:sso)?ins-[a-zA-Z0-9-.]{16}$"},"identityStoreId":{"type":"string","title":"identity store id","description":"d- and 10 hexadecimal digits, or a UUID","maxLength":36,"pattern":"^(?:d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"},"awsRegion":{"type":"string","title":"AWS region","description":"the Identity Center instance's region, such as us-east-1","maxLength":32,"pattern":"^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}$"},"startUrl":{"type":"string","title":"AWS access portal URL","description":"https:// and a host name, with an optional path (the access portal's start URL)","maxLength":512,"pattern":"^https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?:/[A-Za-z0-9._~-]+)*/?$"}}},"grants":{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"onramp time-bound grants (.github/access/grants.yaml)","type":"object","additionalProperties":false,"required":["version","grants"],"properties":{"version":{"const":1,"title":"schema version","description":"must be 1"},"grants":{"type":"array","title":"grants","description":"each a person's extra access until a time, from guardrails grants.allowed","maxItems":1000,"items":{"type":"object","additionalProperties":false,"required":["id","employee_id","items","until","reason"],"properties":{"id":{"type":"string","title":"grant id","description":"lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters; unique in the file, never reused","maxLength":64,"pattern":"^[a-z0-9][a-z0-9._-]*$"},"employee_id":{"type":"string","title":"employee id","description":"1-64 of A-Z a-z 0-9 . _ - with at least one letter or digit","maxLength":64,"pattern":"^(?=[._-]*[A-Za-z0-9])[A-Za-z0-9._-]{1,64}$"},"items":{"type":"object","additionalProperties":false,"minProperties":1,"description":"what the grant gives, by the keys of guardrails grants.allowed","properties":{"identity-groups":{"$ref":"#/$defs/names"},"github-teams":{"$ref":"#/$defs/names"},"aws-policies":{"$ref":"#/$defs/names"},"aws-groups":{"$ref":"#/$defs/names"},"slack-channels":{"$ref":"#/$defs/names"}}},"until":{"type":"string","title":"end time","description":"a date (YYYY-MM-DD: 00:00 that day in guardrails dates.time-zone) or a date-time with an offset (2026-12-14T18:00:00Z)","maxLength":40,"pattern":"^\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2}))?$"},"reason":{"type":"string","title":"reason","description":"why the grant is needed, 1-500 characters","minLength":1,"maxLength":500}}}}},"$defs":{"names":{"type":"array","minItems":1,"maxItems":50,"uniqueItems":true,"items":{"type":"string","minLength":1,"maxLength":2048}}}}};

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
var js_yaml_EVENT_ID = {
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
function js_yaml_getScalarValue(input, scalar) {
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
	const source = js_yaml_getScalarValue(state.source, event);
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
			case js_yaml_EVENT_ID.DOCUMENT:
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
			case js_yaml_EVENT_ID.SCALAR: {
				const { value, tag } = constructScalar(state, event);
				storeAnchor(state, event, value, tag, true);
				addValue(state, value, tag);
				break;
			}
			case js_yaml_EVENT_ID.SEQUENCE: {
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
			case js_yaml_EVENT_ID.MAPPING: {
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
			case js_yaml_EVENT_ID.ALIAS: {
				if (state.maxAliases !== -1 && ++state.aliasCount > state.maxAliases) throwError$1(state, `aliases exceeded maxAliases (${state.maxAliases})`);
				const name = state.source.slice(event.anchorStart, event.anchorEnd);
				const anchor = state.anchors.get(name);
				if (!anchor) throwError$1(state, `unidentified alias "${name}"`);
				if (!anchor.isValueFinal) throwError$1(state, `recursive alias "${name}" is not supported for tag ${anchor.tag.tagName} because it uses finalize()`);
				addValue(state, anchor.value, anchor.tag);
				break;
			}
			case js_yaml_EVENT_ID.POP: {
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
		type: js_yaml_EVENT_ID.DOCUMENT,
		explicitStart,
		explicitEnd,
		directives: state.directives
	});
}
function addSequenceEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: js_yaml_EVENT_ID.SEQUENCE,
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
		type: js_yaml_EVENT_ID.MAPPING,
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
		type: js_yaml_EVENT_ID.MAPPING,
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
		type: js_yaml_EVENT_ID.SCALAR,
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
		type: js_yaml_EVENT_ID.ALIAS,
		anchorStart,
		anchorEnd
	});
}
function addPopEvent(state) {
	state.events.push({ type: js_yaml_EVENT_ID.POP });
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
							type: js_yaml_EVENT_ID.MAPPING,
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
			if (readBlockMapping(state, state.position - state.lineStart, flowIndent, props) && state.events[fallbackState.eventsLength]?.type === js_yaml_EVENT_ID.MAPPING) {
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
					if (readBlockMapping(state, propertyIndent, flowIndent, emptyProperties()) && state.events[fallbackState.eventsLength]?.type === js_yaml_EVENT_ID.MAPPING) hasContent = true;
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
	if (documentEvent?.type === js_yaml_EVENT_ID.DOCUMENT) documentEvent.explicitEnd = explicitEnd;
	addPopEvent(state);
	if (!explicitEnd && state.position < state.length && !testDocumentBoundary(state)) throwError(state, "end of the stream or a document separator is expected");
}
/**
* Parses YAML into a flat event stream referencing source text by offsets.
*
* @category Events
*/
function js_yaml_parseEvents(input, options) {
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
	return constructFromEvents(js_yaml_parseEvents(source, pick(opts, PARSER_OPT_KEYS)), {
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
	const value = js_yaml_getScalarValue(state.source, event);
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
			case js_yaml_EVENT_ID.DOCUMENT: {
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
			case js_yaml_EVENT_ID.SCALAR:
				addNode(state, buildScalar(state, event));
				break;
			case js_yaml_EVENT_ID.SEQUENCE: {
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
			case js_yaml_EVENT_ID.MAPPING: {
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
			case js_yaml_EVENT_ID.ALIAS:
				addNode(state, {
					kind: "alias",
					anchor: state.source.slice(event.anchorStart, event.anchorEnd)
				});
				break;
			case js_yaml_EVENT_ID.POP: {
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
var EVENT_DOCUMENT = js_yaml_EVENT_ID.DOCUMENT;
/** @deprecated Use `EVENT_ID.SEQUENCE` instead. @internal */
var EVENT_SEQUENCE = js_yaml_EVENT_ID.SEQUENCE;
/** @deprecated Use `EVENT_ID.MAPPING` instead. @internal */
var EVENT_MAPPING = js_yaml_EVENT_ID.MAPPING;
/** @deprecated Use `EVENT_ID.SCALAR` instead. @internal */
var EVENT_SCALAR = js_yaml_EVENT_ID.SCALAR;
/** @deprecated Use `EVENT_ID.ALIAS` instead. @internal */
var EVENT_ALIAS = js_yaml_EVENT_ID.ALIAS;
/** @deprecated Use `EVENT_ID.POP` instead. @internal */
var EVENT_POP = js_yaml_EVENT_ID.POP;
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
;// CONCATENATED MODULE: ../core/src/yaml.ts
// Untrusted-YAML loading with positions. Values come from js-yaml's `load` (JSON schema: no custom types,
// duplicate keys rejected, no aliases); line/column for a JSON pointer come from the parser's event stream,
// computed only when a problem needs to be reported.


/** Parses one YAML document. Syntax errors become a `UserError` at js-yaml's mark. */
function yaml_parseYaml(text, file) {
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
class yaml_Locator {
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
function yaml_escapePointer(segment) {
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
        const pointer = `${top.pointer}/${yaml_escapePointer(top.pendingKey.name)}`;
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

;// CONCATENATED MODULE: ../core/src/config.ts
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
        throw new UserError(problems);
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
const IAM_USER_KEYS = (/* unused pure expression or super */ null && (['user-path', 'permissions-boundary', 'allowed-policies']));
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
    const grantsFile = join(dirname(rolesFile), GRANTS_FILE_NAME);
    return parseAccess({
        roles: readText(rolesFile),
        rolesFile,
        guardrails: readText(guardrailsFile),
        guardrailsFile,
        ...(existsSync(grantsFile) ? { grants: readText(grantsFile), grantsFile } : {}),
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
        if (!(e instanceof UserError))
            throw e;
        problems.push(...e.problems);
    }
    try {
        guardrails = parseGuardrails(src.guardrails, guardrailsFile);
    }
    catch (e) {
        if (!(e instanceof UserError))
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
            if (!(e instanceof UserError))
                throw e;
            problems.push(...e.problems);
        }
    }
    if (problems.length > 0 || !roles || !guardrails)
        throw new UserError(problems);
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
        throw new UserError(problems);
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
        throw new UserError(problems);
    return { roles, locator };
}
function readText(file) {
    try {
        return readFileSync(file, 'utf8');
    }
    catch (e) {
        const code = e.code;
        throw new UserError({
            file,
            rule: code === 'ENOENT' ? 'file not found' : `file cannot be read (${code ?? 'error'})`,
        });
    }
}
function checked(text, file, validate, schema) {
    const data = parseYaml(text, file);
    const locator = new Locator(text);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new UserError({ file, line: 1, column: 1, rule: 'must be a mapping with version and its entries' });
    }
    if (!validate(data)) {
        const problems = explain(validate.errors ?? [], data, schema).map((p) => ({
            file,
            ...locator.locate(p.pointer, p.atKey),
            field: p.field,
            rule: p.rule,
        }));
        throw new UserError(dedupe(problems));
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

;// CONCATENATED MODULE: ../core/src/email.ts
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
function email_checkEmail(raw, domains, opts = {}) {
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

;// CONCATENATED MODULE: ../core/src/name.ts
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
function name_checkName(raw) {
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

;// CONCATENATED MODULE: ../core/src/signature.ts
// Event signatures: only the holder of an event key can send an event that changes access.
//
//   client_payload.signature = "t=<unix seconds>,v1=<hex HMAC-SHA256>"
//   signed bytes             = "<t>.<event_type>.<canonical JSON of client_payload without signature>"
//
// Canonical JSON is RFC 8785 (JCS), UTF-8. The event type is signed so that an onboard payload cannot be
// replayed as an offboard; `t` bounds how long a captured event stays usable. Several keys may be valid
// at once, for rotation; every comparison is constant-time.


const signature_SIGNATURE_KEY = 'signature';
/** How far a signature's `t` may be ahead of this clock (clock skew between HR, relay and runner). */
const signature_MAX_FUTURE_SKEW_SECONDS = 300;
const HEADER = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;
/** The exact bytes that are signed: `<t>.<event_type>.<JCS(payload without signature)>`. */
function signedBytes(t, eventType, payload) {
    const { [signature_SIGNATURE_KEY]: _ignored, ...rest } = payload;
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
function signature_verifyEventSignature(eventType, payload, options) {
    const header = Object.hasOwn(payload, signature_SIGNATURE_KEY) ? payload[signature_SIGNATURE_KEY] : undefined;
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
    if (t > nowSeconds + signature_MAX_FUTURE_SKEW_SECONDS)
        return { ok: false, reason: 'future' };
    if (t < nowSeconds - options.maxAgeSeconds)
        return { ok: false, reason: 'expired' };
    return { ok: true, signedAt: new Date(t * 1000) };
}
/** One line for an annotation, naming the rule and never the signature or a key. */
const signature_SIGNATURE_RULES = {
    missing: 'required: events that change access must be signed with the event key',
    malformed: 'must be "t=<unix seconds>,v1=<64 hex digits>"',
    mismatch: 'does not match the event type and payload under any accepted event key',
    future: `is dated more than ${signature_MAX_FUTURE_SKEW_SECONDS / 60} minutes ahead of this runner's clock`,
    expired: 'is older than guardrails events.max-age',
};

;// CONCATENATED MODULE: ../core/src/event.ts
// Reads the triggering event into a LifecycleEvent. Fail closed: exact keys, strings only, bounded lengths,
// every problem collected, and a rule per field that never quotes the value.







/** The person's fields: flat in the version 1 payload, under `person` in version 2. */
const PERSON_KEYS = ['employee_id', 'name', 'email', 'role', 'manager_email', 'start_date', 'github_username'];
const PAYLOAD_KEYS = ['event_id', 'occurred_at', ...PERSON_KEYS];
const V2_KEYS = ['version', 'event_id', 'occurred_at', 'person', signature_SIGNATURE_KEY];
/**
 * Version 2 only, under `person` (the flat version 1 payload has no room left in GitHub's ten top-level keys):
 * the personal email a joiner's welcome goes to, and when a leaver's access ends.
 */
const DATED_KEYS = (/* unused pure expression or super */ null && (['personal_email', 'last_day', 'last_hour', 'urgent']));
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
const MAX_FUTURE_SKEW_MS = signature_MAX_FUTURE_SKEW_SECONDS * 1000;
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
        throw new UserError(problems.length > 0 ? problems : { field: 'event', rule: 'could not be read' });
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
        throw new UserError({ field: 'occurred_at', rule: 'not an ISO 8601 date-time' });
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
        throw new UserError({
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
        if (statSync(env.GITHUB_EVENT_PATH).size > MAX_EVENT_FILE_BYTES)
            throw new UserError({ field: 'GITHUB_EVENT_PATH', rule: 'event file larger than 1 MB' });
        text = readFileSync(env.GITHUB_EVENT_PATH, 'utf8');
    }
    catch (e) {
        if (e instanceof UserError)
            throw e;
        throw new UserError({ field: 'GITHUB_EVENT_PATH', rule: 'must name a readable JSON event file' });
    }
    try {
        // JSON.parse itself does not recurse; parseEvent checks depth before anything that does.
        return JSON.parse(text);
    }
    catch {
        throw new UserError({ field: 'GITHUB_EVENT_PATH', rule: 'must name a readable JSON event file' });
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

;// CONCATENATED MODULE: ../core/src/intent-name.ts
// The name of an HR event's intent artifact (validate uploads it, the drain reads it: ledger's intents.ts):
// onramp-intent-<employee id>-<first 16 hex digits of SHA-256(event id)>. The name alone tells a drain whether
// the ledger holds the event already, so nothing is downloaded for it; the HR event id itself stays inside.

const INTENT_PREFIX = 'onramp-intent-';
/** The one file inside an intent artifact: `{action, client_payload}` as the event file held them. */
const INTENT_FILE = 'intent.json';
const eventHash = (eventId) => createHash('sha256').update(eventId).digest('hex').slice(0, 16);
const intentName = (employeeId, eventId) => `${INTENT_PREFIX}${employeeId}-${eventHash(eventId)}`;

;// CONCATENATED MODULE: ../core/src/plan.ts
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
            throw new UserError({ field: 'role', rule: 'not a role in roles.yaml' });
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
            throw new UserError({
                field: `roles.${event.role}.aws.policies`,
                rule: 'policy is not in guardrails aws.allowed-policies',
            });
        if (namesOf(extra.aws, ITEM_KEY_PREFIX.awsPolicy).some((p) => !allowed.has(p)))
            throw new UserError({
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
        throw new UserError({
            field: `${field}.assignments`,
            rule: 'account is not in guardrails aws.identity-center.accounts',
        });
    if (wanted.some((a) => !sets.has(a.permissionSet)))
        throw new UserError({
            field: `${field}.assignments`,
            rule: 'permission set is not in guardrails aws.identity-center.permission-sets',
        });
    if (groups.some((name) => !allowedGroups.has(name)))
        throw new UserError({ field: `${field}.groups`, rule: 'group is not in guardrails aws.identity-center.groups' });
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
    throw new UserError({ field: section, rule: `roles use ${section} but guardrails.yaml has no ${section} section` });
}

;// CONCATENATED MODULE: ../core/src/reconcile.ts
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
    const clock = options.clock ?? systemClock;
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
        const state = await withRetry(async () => {
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
        if (error instanceof RetryExhaustedError && error.lastError instanceof Unsettled)
            return { state: error.lastError.state, ok: false };
        throw error;
    }
}

;// CONCATENATED MODULE: ../core/src/index.ts
// The light entry point: contracts, plan, retry policy, reconcile loop, action I/O. SDK client factories
// live behind subpaths (`@onramp/core/github`, `/aws`, `/slack`) so an action bundles only its own SDK.

























;// CONCATENATED MODULE: ./src/dedup.ts
// Drops a redelivered HR event: an event id is claimed before its dispatch, kept for the window after it
// succeeded, and released when it failed so the HR system's retry can go through.
//
// In memory, so it holds for one process (one server, or one warm Lambda instance). Several instances need
// a shared store with an atomic "set if absent, with expiry" (Redis SET NX PX, or a DynamoDB conditional
// put with a TTL attribute) keyed by the event id; the workflow's ledger still refuses an event older than
// the last one applied, so a duplicate that slips through changes nothing.
class SeenEvents {
    windowMs;
    maxEntries;
    now;
    entries = new Map();
    constructor(
    /** How long a dispatched event id is remembered (default 24 h, beyond BambooHR's retries). */
    windowMs = 24 * 3_600_000, 
    /** Oldest ids are forgotten first beyond this many, so a flood cannot exhaust memory. */
    maxEntries = 100_000, now = Date.now) {
        this.windowMs = windowMs;
        this.maxEntries = maxEntries;
        this.now = now;
    }
    /** True when the id was free and is now claimed; false when it is claimed or was dispatched within the window. */
    claim(id) {
        this.prune();
        if (this.entries.has(id))
            return false;
        this.entries.set(id, { at: this.now(), done: false });
        return true;
    }
    /** The claimed event was dispatched: remember it for the window from now. */
    confirm(id) {
        this.entries.delete(id);
        this.entries.set(id, { at: this.now(), done: true });
    }
    /** The claimed event was not dispatched: a retry may claim it again. */
    release(id) {
        this.entries.delete(id);
    }
    get size() {
        return this.entries.size;
    }
    prune() {
        const oldest = this.now() - this.windowMs;
        // Insertion order is age order (confirm re-inserts), so expired entries are at the front.
        for (const [id, e] of this.entries) {
            if (e.at >= oldest && this.entries.size < this.maxEntries)
                break;
            this.entries.delete(id);
        }
    }
}

;// CONCATENATED MODULE: ../../node_modules/.pnpm/universal-user-agent@7.0.3/node_modules/universal-user-agent/index.js
function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }

  if (typeof process === "object" && process.version !== undefined) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${
      process.arch
    })`;
  }

  return "<environment undetectable>";
}

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+endpoint@11.0.5/node_modules/@octokit/endpoint/dist-bundle/index.js
// pkg/dist-src/defaults.js


// pkg/dist-src/version.js
var VERSION = "0.0.0-development";

// pkg/dist-src/defaults.js
var userAgent = `octokit-endpoint.js/${VERSION} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};

// pkg/dist-src/util/lowercase-keys.js
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}

// pkg/dist-src/util/is-plain-object.js
function dist_bundle_isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}

// pkg/dist-src/util/merge-deep.js
function mergeDeep(defaults, options) {
  const result = Object.assign({}, defaults);
  Object.keys(options).forEach((key) => {
    if (dist_bundle_isPlainObject(options[key])) {
      if (!(key in defaults)) Object.assign(result, { [key]: options[key] });
      else result[key] = mergeDeep(defaults[key], options[key]);
    } else {
      Object.assign(result, { [key]: options[key] });
    }
  });
  return result;
}

// pkg/dist-src/util/remove-undefined-properties.js
function removeUndefinedProperties(obj) {
  for (const key in obj) {
    if (obj[key] === void 0) {
      delete obj[key];
    }
  }
  return obj;
}

// pkg/dist-src/merge.js
function merge(defaults, route, options) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options = Object.assign(url ? { method, url } : { url: method }, options);
  } else {
    options = Object.assign({}, route);
  }
  options.headers = lowercaseKeys(options.headers);
  removeUndefinedProperties(options);
  removeUndefinedProperties(options.headers);
  const mergedOptions = mergeDeep(defaults || {}, options);
  if (options.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}

// pkg/dist-src/util/add-query-parameters.js
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}

// pkg/dist-src/util/extract-url-variable-names.js
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}

// pkg/dist-src/util/omit.js
function omit(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}

// pkg/dist-src/util/url-template.js
function encodeReserved(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}

// pkg/dist-src/parse.js
function parse(options) {
  let method = options.method.toUpperCase();
  let url = (options.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options.headers);
  let body;
  let parameters = omit(options, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options.baseUrl + url;
  }
  const omittedParameters = Object.keys(options).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options.mediaType.previews).map((preview) => {
          const format = options.mediaType.format ? `.${options.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options.request ? { request: options.request } : null
  );
}

// pkg/dist-src/endpoint-with-defaults.js
function endpointWithDefaults(defaults, route, options) {
  return parse(merge(defaults, route, options));
}

// pkg/dist-src/with-defaults.js
function withDefaults(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse
  });
}

// pkg/dist-src/index.js
var endpoint = withDefaults(null, DEFAULTS);


;// CONCATENATED MODULE: ../../node_modules/.pnpm/content-type@3.1.1/node_modules/content-type/dist/index.js
/*!
 * content-type
 * Copyright(c) 2015 Douglas Christopher Wilson
 * MIT Licensed
 */
const SP = 32; // " "
const HTAB = 9; // "\t"
const SEMI = 59; // ";"
const EQ = 61; // "="
const DQUOTE = 34; // '"'
const BSLASH = 92; // "\\"
const COMMA = 44; // ","
const LOWER_CASE = 1;
const OWS = 2;
const SEMI_FLAG = 4;
const COMMA_FLAG = 8;
const TOKEN_FLAG = 16;
const NON_ASCII = 0xff00;
const CASE_FLAGS = LOWER_CASE | NON_ASCII;
/**
 * Character flags used to normalize HTTP field values while scanning.
 * Out-of-range reads intentionally coerce to zero in bitwise expressions.
 */
const CHAR_MAP = new Uint8Array(0x100);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code = 0x80 /* non-ASCII */; code <= 0xff; code++) {
    CHAR_MAP[code] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
    CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code = 0x30 /* 0 */; code <= 0x39 /* 9 */; code++) {
    CHAR_MAP[code] |= TOKEN_FLAG;
}
for (let code = 0x41 /* A */; code <= 0x5a /* Z */; code++) {
    CHAR_MAP[code] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code = 0x61 /* a */; code <= 0x7a /* z */; code++) {
    CHAR_MAP[code] |= TOKEN_FLAG;
}
/**
 * Null object perf optimization. Faster than `Object.create(null)` and `{ __proto__: null }`.
 */
const NullObject = /* @__PURE__ */ (() => {
    const C = function () { };
    C.prototype = Object.create(null);
    return C;
})();
/**
 * Validate a type string against RFC 9110.
 */
function isTypeValid(type, start = 0, end = type.length) {
    let hasSlash = false;
    for (let index = start; index < end; index++) {
        const code = type.charCodeAt(index);
        if (code === 47 /* / */) {
            if (hasSlash || index === start || index >= end - 1)
                return false;
            hasSlash = true;
        }
        else if (!isTokenCode(code)) {
            return false;
        }
    }
    return hasSlash;
}
/**
 * Validate a token against RFC 9110.
 */
function isTokenValid(token, start = 0, end = token.length) {
    if (start >= end)
        return false;
    for (let index = start; index < end; index++) {
        if (!isTokenCode(token.charCodeAt(index)))
            return false;
    }
    return true;
}
/**
 * Check whether a character code belongs to the token production in RFC 9110.
 */
function isTokenCode(code) {
    return (CHAR_MAP[code] & TOKEN_FLAG) !== 0;
}
/**
 * Serialize a parameter value.
 */
function parameterValue(str) {
    const len = str.length;
    if (len === 0)
        return '""';
    let index = 0;
    while (index < len && isTokenCode(str.charCodeAt(index)))
        index++;
    if (index === len)
        return str;
    let result = '"';
    let start = 0;
    while (index < len) {
        const code = str.charCodeAt(index);
        if (code !== HTAB && (code < SP || code === 127 || code > 255)) {
            throw new TypeError(`Invalid parameter value: ${str}`);
        }
        if (code === 34 /* " */ || code === 92 /* \\ */) {
            result += `${str.slice(start, index)}\\`;
            start = index;
        }
        index++;
    }
    return `${result}${str.slice(start)}"`;
}
/**
 * Format an object into a `Content-Type` header.
 */
function format(obj) {
    const { type, parameters } = obj;
    if (!type || !isTypeValid(type)) {
        throw new TypeError(`Invalid type: ${type}`);
    }
    let result = type;
    if (parameters) {
        for (const param of Object.keys(parameters)) {
            if (!isTokenValid(param)) {
                throw new TypeError(`Invalid parameter name: ${param}`);
            }
            result += `; ${param}=${parameterValue(parameters[param])}`;
        }
    }
    return result;
}
/**
 * Parse a `Content-Type` header.
 */
function dist_parse(header, options) {
    const stopFlags = SEMI_FLAG | (options?.comma === true ? COMMA_FLAG : 0);
    const len = header.length;
    let valueStart = options?.start ?? 0;
    while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
        valueStart++;
    }
    let index = valueStart;
    let typeFlags = 0;
    let whitespace = -1;
    let stop = options?.parameters === false ? COMMA_FLAG : 0;
    while (index < len) {
        const code = header.charCodeAt(index);
        const flags = CHAR_MAP[code];
        if ((flags & stopFlags) !== 0) {
            stop |= flags & COMMA_FLAG;
            break;
        }
        if ((flags & OWS) !== 0) {
            if (whitespace === -1)
                whitespace = index;
        }
        else {
            whitespace = -1;
        }
        typeFlags |= (code & NON_ASCII) | flags;
        index++;
    }
    const valueEnd = whitespace === -1 ? index : whitespace;
    const value = header.slice(valueStart, valueEnd);
    const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
    if (index === len || stop !== 0) {
        return { type, index, parameters: new NullObject() };
    }
    return parseParameters(header, type, index, len, stopFlags);
}
/**
 * Parses the parameters of a `Content-Type` header starting at the given index.
 */
function parseParameters(header, type, index, len, stopFlags) {
    const parameters = new NullObject();
    parameter: while (index < len) {
        index++; // Skip over ;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
            index++;
        }
        const keyStart = index;
        let keyFlags = 0;
        let keyWhitespace = -1;
        while (index < len) {
            const code = header.charCodeAt(index);
            const flags = CHAR_MAP[code];
            if ((flags & stopFlags) !== 0) {
                if ((flags & COMMA_FLAG) !== 0)
                    break parameter;
                continue parameter;
            }
            if (code === EQ) {
                const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
                const value = header.slice(keyStart, keyEnd);
                const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
                index++;
                while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
                    index++;
                }
                if (index < len && header.charCodeAt(index) === DQUOTE) {
                    const quotedStart = ++index;
                    let escaped = false;
                    while (index < len) {
                        const code = header.charCodeAt(index);
                        if (code === DQUOTE) {
                            if (parameters[key] === undefined) {
                                parameters[key] = escaped
                                    ? unescapeQuotedPairs(header, quotedStart, index)
                                    : header.slice(quotedStart, index);
                            }
                            index++;
                            let stop = 0;
                            // Discard characters between quote and delimiter.
                            while (index < len) {
                                const code = header.charCodeAt(index);
                                const flags = CHAR_MAP[code];
                                if ((flags & stopFlags) !== 0) {
                                    stop = flags & COMMA_FLAG;
                                    break;
                                }
                                index++;
                            }
                            if (stop !== 0)
                                break parameter;
                            continue parameter;
                        }
                        if (code === BSLASH && index + 1 < len) {
                            escaped = true;
                            index += 2;
                            continue;
                        }
                        index++;
                    }
                    continue parameter;
                }
                const valueStart = index;
                let stop = 0;
                let valueWhitespace = -1;
                while (index < len) {
                    const code = header.charCodeAt(index);
                    const flags = CHAR_MAP[code];
                    if ((flags & stopFlags) !== 0) {
                        stop = flags & COMMA_FLAG;
                        break;
                    }
                    if ((flags & OWS) !== 0) {
                        if (valueWhitespace === -1)
                            valueWhitespace = index;
                    }
                    else {
                        valueWhitespace = -1;
                    }
                    index++;
                }
                if (parameters[key] === undefined) {
                    const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
                    parameters[key] = header.slice(valueStart, valueEnd);
                }
                if (stop !== 0)
                    break parameter;
                continue parameter;
            }
            if ((flags & OWS) !== 0) {
                if (keyWhitespace === -1)
                    keyWhitespace = index;
            }
            else {
                keyWhitespace = -1;
            }
            keyFlags |= (code & NON_ASCII) | flags;
            index++;
        }
    }
    return { type, index, parameters };
}
/**
 * Remove backslashes from quoted pairs in a known-terminated quoted string body.
 */
function unescapeQuotedPairs(str, start, end) {
    let result = "";
    for (let index = start; index < end; index++) {
        if (str.charCodeAt(index) === BSLASH) {
            result += str.slice(start, index);
            start = ++index;
        }
    }
    return result + str.slice(start, end);
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ../../node_modules/.pnpm/json-with-bigint@3.5.12/node_modules/json-with-bigint/json-with-bigint.js
const intRegex = /^-?\d+$/;
const noiseValue = /^-?\d+n+$/; // Noise - strings that match the custom format before being converted to it
const originalStringify = JSON.stringify;
const originalParse = JSON.parse;
const customFormat = /^-?\d+n$/;

const bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
const noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;

/**
 * @typedef {(this: any, key: string | number | undefined, value: any) => any} Replacer
 * @typedef {(key: string | number | undefined, value: any, context?: { source: string }) => any} Reviver
 */

/**
 * Checks if a value is unstringifiable according to native JSON.stringify rules.
 *
 * @param {any} val The value to check.
 * @returns {boolean} True if the value is undefined, a function, or a symbol.
 */
const isUnstringifiable = (val) =>
  val === undefined || typeof val === "function" || typeof val === "symbol";

/**
 * Checks if a value is a native JSON.rawJSON object (Node.js 22+).
 *
 * @param {any} val The value to check.
 * @returns {boolean} True if the value is a RawJSON instance.
 */
const isRawJSON = (val) =>
  val !== null &&
  typeof val === "object" &&
  val.constructor &&
  val.constructor.name === "RawJSON";

/**
 * Iteratively converts a JS value to a JSON string.
 * Used as a fallback when the native JSON.stringify hits the Maximum Call Stack size.
 * Fully compliant with JSON formatting (space), replacers, and toJSON behaviors.
 *
 * @param {any} rootValue The value to stringify.
 * @param {Replacer | Array<string | number> | null} [replacer] User's custom replacer function.
 * @param {string | number} [spaceParam] Indentation for pretty-printing.
 * @returns {string | undefined} The generated JSON string.
 */
const stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";

  if (typeof spaceParam === "number") {
    space = " ".repeat(Math.min(10, Math.max(0, Math.floor(spaceParam))));
  } else if (typeof spaceParam === "string") {
    space = spaceParam.slice(0, 10);
  }

  const isFunctionReplacer = typeof replacer === "function";
  const propertyList = Array.isArray(replacer)
    ? new Set(replacer.map(String))
    : null;

  /**
   * Prepares a value for stringification by resolving toJSON, handling BigInts,
   * applying custom replacers, and unwrapping primitive objects.
   *
   * @param {object|Array} parent The parent object or array holding the value.
   * @param {string} key The key associated with the value.
   * @param {any} val The raw value to process.
   * @returns {any} The processed value ready for stringification.
   */
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";

    if (hasToJSON) {
      val = val.toJSON(key);
    }

    const isNoise = typeof val === "string" && noiseValue.test(val);

    if (isNoise) return val + "n";

    const isBigInt = typeof val === "bigint";

    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;

      if (supportsRawJSON) return JSON.rawJSON(val.toString());

      return val.toString() + "n";
    }

    if (isFunctionReplacer) {
      val = replacer.call(parent, key, val);
    }

    const isPostReplacerObject = val !== null && typeof val === "object";

    if (isPostReplacerObject) {
      const isPrimitiveWrapper =
        val instanceof Number ||
        val instanceof String ||
        val instanceof Boolean;

      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }

    return val;
  };

  const rootProcessed = prepareVal({ "": rootValue }, "", rootValue);

  if (isUnstringifiable(rootProcessed)) {
    return undefined;
  }

  const isRootPrimitive =
    rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);

  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }

  const chunks = [];
  let level = 0;

  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true,
    },
  ];

  const visited = new WeakSet([rootProcessed]);

  while (stack.length > 0) {
    const node = stack[stack.length - 1];

    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
      level++;
    }

    let isDone = false;

    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");

        if (space) chunks.push("\n" + space.repeat(level));

        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);

        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject =
            childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);

          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }

            visited.add(childVal);

            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true,
            });

            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k = node.keys[node.index++];

        const isFilteredOutByArray = propertyList && !propertyList.has(k);

        if (isFilteredOutByArray) continue;

        const childRaw = node.val[k];
        const childVal = prepareVal(node.val, k, childRaw);

        if (isUnstringifiable(childVal)) continue;

        if (!node.first) chunks.push(",");

        if (space) {
          chunks.push("\n" + space.repeat(level) + originalStringify(k) + ": ");
        } else {
          chunks.push(originalStringify(k) + ":");
        }

        const isComplexObject =
          childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);

        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }

          visited.add(childVal);

          stack.push({
            parent: node.val,
            key: k,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true,
          });

          node.first = false;

          break; // Stop current loop level to process the newly pushed stack node
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }

      const isNodeFullyProcessed =
        node.index >= node.keys.length && stack[stack.length - 1] === node;

      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }

    if (isDone) {
      level--;

      if (!node.first && space) chunks.push("\n" + space.repeat(level));

      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }

  return chunks.join("");
};

/**
 * Converts a JavaScript value to a JSON string.
 *
 * Supports serialization of BigInt values using two strategies:
 * 1. Custom format "123n" → "123" (universal fallback)
 * 2. Native JSON.rawJSON() (Node.js 22+, fastest) when available
 *
 * All other values are serialized exactly like native JSON.stringify().
 *
 * @param {*} value The value to convert to a JSON string.
 * @param {Replacer | Array<string | number> | null} [replacer]
 * A function that alters the behavior of the stringification process,
 * or an array of strings/numbers to indicate properties to exclude.
 * @param {string | number} [space]
 * A string or number to specify indentation or pretty-printing.
 * @returns {string} The JSON string representation.
 */
const JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;

    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());

          const hasFunctionReplacer = typeof replacer === "function";

          if (hasFunctionReplacer) return replacer(key, val);

          const isKeyInArrayReplacer =
            Array.isArray(replacer) && replacer.includes(key);

          if (isKeyInArrayReplacer) return val;

          return val;
        },
        space,
      );
    }

    if (!value) return originalStringify(value, replacer, space);

    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);

        if (isNoise) return val.toString() + "n"; // Mark noise values with additional "n" to offset the deletion of one "n" during the processing

        if (typeof val === "bigint") return val.toString() + "n";

        const hasFunctionReplacer = typeof replacer === "function";

        if (hasFunctionReplacer) return replacer(key, val);

        const isKeyInArrayReplacer =
          Array.isArray(replacer) && replacer.includes(key);

        if (isKeyInArrayReplacer) return val;

        return val;
      },
      space,
    );

    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3",
    ); // Delete one "n" off the end of every BigInt value

    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3"); // Remove one "n" off the end of every noisy string

    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer, space);

      if (convertedJSON === undefined) return undefined;

      const supportsRawJSON = "rawJSON" in JSON;

      if (supportsRawJSON) return convertedJSON;

      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");

      return processedJSON.replace(noiseStringify, "$1$2$3");
    }

    throw error;
  }
};

const featureCache = new Map();

/**
 * Detects if the current JSON.parse implementation supports the context.source feature.
 *
 * Uses toString() fingerprinting to cache results and automatically detect runtime
 * replacements of JSON.parse (polyfills, mocks, etc.).
 *
 * @returns {boolean} true if context.source is supported, false otherwise.
 */
const isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();

  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }

  try {
    const result = JSON.parse(
      "1",
      (_, __, context) => !!context?.source && context.source === "1",
    );
    featureCache.set(parseFingerprint, result);

    return result;
  } catch {
    featureCache.set(parseFingerprint, false);

    return false;
  }
};

/**
 * Reviver function that converts custom-format BigInt strings back to BigInt values.
 * Also handles "noise" strings that accidentally match the BigInt format.
 *
 * @param {string | number | undefined} key The object key.
 * @param {*} value The value being parsed.
 * @param {object} [context] Parse context (if supported by JSON.parse).
 * @param {Reviver} [userReviver] User's custom reviver function.
 * @returns {any} The transformed value.
 */
const convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
  const isCustomFormatBigInt =
    typeof value === "string" && customFormat.test(value);

  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));

  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);

  const hasUserReviver = typeof userReviver === "function";

  if (!hasUserReviver) return value;

  return userReviver(key, value, context);
};

/**
 * Fast JSON.parse implementation (~2x faster than classic fallback).
 * Uses JSON.parse's context.source feature to detect integers and convert
 * large numbers directly to BigInt without string manipulation.
 *
 * Does not support legacy custom format from v1 of this library.
 *
 * @param {string} text JSON string to parse.
 * @param {Reviver} [reviver] Transform function to apply to each value.
 * @returns {any} Parsed JavaScript value.
 */
const JSONParseV2 = (text, reviver) => {
  return JSON.parse(text, (key, value, context) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds =
      value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context && intRegex.test(context.source);
    const isBigInt = isBigNumber && isInt;

    if (isBigInt) return BigInt(context.source);

    const hasCustomReviver = typeof reviver === "function";

    if (!hasCustomReviver) return value;

    return reviver(key, value, context);
  });
};

const MAX_INT = Number.MAX_SAFE_INTEGER.toString();
const MAX_DIGITS = MAX_INT.length;
const stringsOrLargeNumbers =
  /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
const noiseValueWithQuotes = /^"-?\d+n+"$/; // Noise - strings that match the custom format before being converted to it

/**
 * Iteratively traverses the parsed object bottom-up (post-order),
 * emulating the native JSON.parse reviver behavior.
 * This avoids Call Stack overflows (RangeError) on deeply nested structures.
 *
 * @param {any} parsed The natively parsed JSON object.
 * @param {Reviver} [userReviver] User's custom reviver function.
 * @returns {any} The fully processed object.
 */
const applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];

  while (stack.length > 0) {
    const node = stack[stack.length - 1];

    if (!node.visited) {
      node.visited = true;

      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";

      if (isComplexObject) {
        const keys = Object.keys(value);

        for (let i = keys.length - 1; i >= 0; i--) {
          stack.push({ parent: value, key: keys[i], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];

      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);

        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);

          if (isNoise) value = value.slice(0, -1);
        }
      }

      const hasUserReviver = typeof userReviver === "function";

      if (hasUserReviver) {
        value = userReviver.call(parent, key, value);
      }

      const isDeleted = value === undefined;

      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }

      stack.pop();
    }
  }

  return rootHolder[""];
};

/**
 * Pre-processes the JSON string to mark large numbers with an 'n' suffix.
 *
 * @param {string} text The raw JSON string.
 * @returns {string} The serialized string with marked BigInts.
 */
const serializeBigInts = (text) => {
  return text.replace(
    stringsOrLargeNumbers,
    (match, digits, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);

      if (isNoise) return match.substring(0, match.length - 1) + 'n"'; // Mark noise values with additional "n" to offset the deletion of one "n" during the processing

      const hasFractionalOrExponential = fractional || exponential;

      // With a fixed number of digits, we can correctly use lexicographical comparison to do a numeric comparison
      const isLessThanMaxSafeInt =
        digits &&
        (digits.length < MAX_DIGITS ||
          (digits.length === MAX_DIGITS && digits <= MAX_INT));

      const isStandardValue =
        isString || hasFractionalOrExponential || isLessThanMaxSafeInt;

      if (isStandardValue) return match;

      return '"' + match + 'n"';
    },
  );
};

/**
 * Converts a JSON string into a JavaScript value.
 *
 * Supports parsing of large integers using two strategies:
 * 1. Classic fallback: Marks large numbers with "123n" format, then converts to BigInt
 * 2. Fast path (JSONParseV2): Uses context.source feature (~2x faster) when available
 *
 * All other JSON values are parsed exactly like native JSON.parse().
 *
 * @param {string} text A valid JSON string.
 * @param {Reviver} [reviver]
 * A function that transforms the results. This function is called for each member
 * of the object. If a member contains nested objects, the nested objects are
 * transformed before the parent object is.
 * @returns {any} The parsed JavaScript value.
 * @throws {SyntaxError} If text is not valid JSON.
 */
const JSONParse = (text, reviver) => {
  if (!text) return originalParse(text, reviver);

  try {
    if (isContextSourceSupported()) return JSONParseV2(text, reviver); // Shortcut to a faster (2x) and simpler version

    // Find and mark big numbers with "n"
    const serializedData = serializeBigInts(text);

    return originalParse(serializedData, (key, value, context) =>
      convertMarkedBigIntsReviver(key, value, context, reviver),
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text);
      const parsed = originalParse(serializedData);

      return applyReviverIteratively(parsed, reviver);
    }

    throw error;
  }
};



;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+request-error@7.1.2/node_modules/@octokit/request-error/dist-src/index.js
class RequestError extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    /* v8 ignore else -- @preserve -- Bug with vitest coverage where it sees an else branch that doesn't exist */
    if ("response" in options) {
      this.response = options.response;
    }
    const requestCopy = Object.assign({}, options.request);
    if (options.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options.request.headers, {
        authorization: options.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
}


;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+request@10.0.16/node_modules/@octokit/request/dist-bundle/index.js
// pkg/dist-src/index.js


// pkg/dist-src/defaults.js


// pkg/dist-src/version.js
var dist_bundle_VERSION = "10.0.16";

// pkg/dist-src/defaults.js
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${dist_bundle_VERSION} ${getUserAgent()}`
  }
};

// pkg/dist-src/fetch-wrapper.js



// pkg/dist-src/is-plain-object.js
function request_dist_bundle_isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}

// pkg/dist-src/fetch-wrapper.js

var noop = () => "";
async function fetchWrapper(requestOptions) {
  const fetch = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = request_dist_bundle_isPlainObject(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop);
  }
  const mimetype = dist_parse(contentType);
  if (isJSONResponse(mimetype)) {
    let text = "";
    try {
      text = await response.text();
      return JSONParse(text);
    } catch (err) {
      return text;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}

// pkg/dist-src/with-defaults.js
function dist_bundle_withDefaults(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request2 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request2, {
      endpoint: endpoint2,
      defaults: dist_bundle_withDefaults.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request2, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: dist_bundle_withDefaults.bind(null, endpoint2)
  });
}

// pkg/dist-src/index.js
var dist_bundle_request = dist_bundle_withDefaults(endpoint, defaults_default);

/* v8 ignore next -- @preserve */
/* v8 ignore else -- @preserve */

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+oauth-methods@6.0.5/node_modules/@octokit/oauth-methods/dist-bundle/index.js
// pkg/dist-src/version.js
var oauth_methods_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/get-web-flow-authorization-url.js



// pkg/dist-src/utils.js

function requestToOAuthBaseUrl(request) {
  const endpointDefaults = request.endpoint.DEFAULTS;
  if (/^https:\/\/(api\.)?github\.com$/.test(endpointDefaults.baseUrl)) {
    return "https://github.com";
  }
  if (/^https:\/\/api\..*\.ghe\.com$/.test(endpointDefaults.baseUrl)) {
    return endpointDefaults.baseUrl.replace("api.", "");
  }
  return endpointDefaults.baseUrl.replace("/api/v3", "");
}
async function oauthRequest(request, route, parameters) {
  const withOAuthParameters = {
    baseUrl: requestToOAuthBaseUrl(request),
    headers: {
      accept: "application/json"
    },
    ...parameters
  };
  const response = await request(route, withOAuthParameters);
  if ("error" in response.data) {
    const error = new RequestError(
      `${response.data.error_description} (${response.data.error}, ${response.data.error_uri})`,
      400,
      {
        request: request.endpoint.merge(
          route,
          withOAuthParameters
        )
      }
    );
    error.response = response;
    throw error;
  }
  return response;
}

// pkg/dist-src/get-web-flow-authorization-url.js
function getWebFlowAuthorizationUrl({
  request = defaultRequest,
  ...options
}) {
  const baseUrl = requestToOAuthBaseUrl(request);
  return oauthAuthorizationUrl({
    ...options,
    baseUrl
  });
}

// pkg/dist-src/exchange-web-flow-code.js

async function exchangeWebFlowCode(options) {
  const request = options.request || dist_bundle_request;
  const response = await oauthRequest(
    request,
    "POST /login/oauth/access_token",
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      code: options.code,
      redirect_uri: options.redirectUrl
    }
  );
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: response.data.access_token,
    scopes: response.data.scope.split(/\s+/).filter(Boolean)
  };
  if (options.clientType === "github-app") {
    if ("refresh_token" in response.data) {
      const apiTimeInMs = new Date(response.headers.date).getTime();
      authentication.refreshToken = response.data.refresh_token, authentication.expiresAt = toTimestamp(
        apiTimeInMs,
        response.data.expires_in
      ), authentication.refreshTokenExpiresAt = toTimestamp(
        apiTimeInMs,
        response.data.refresh_token_expires_in
      );
    }
    delete authentication.scopes;
  }
  return { ...response, authentication };
}
function toTimestamp(apiTimeInMs, expirationInSeconds) {
  return new Date(apiTimeInMs + expirationInSeconds * 1e3).toISOString();
}

// pkg/dist-src/create-device-code.js

async function createDeviceCode(options) {
  const request = options.request || dist_bundle_request;
  const parameters = {
    client_id: options.clientId
  };
  if ("scopes" in options && Array.isArray(options.scopes)) {
    parameters.scope = options.scopes.join(" ");
  }
  return oauthRequest(request, "POST /login/device/code", parameters);
}

// pkg/dist-src/exchange-device-code.js

async function exchangeDeviceCode(options) {
  const request = options.request || dist_bundle_request;
  const response = await oauthRequest(
    request,
    "POST /login/oauth/access_token",
    {
      client_id: options.clientId,
      device_code: options.code,
      grant_type: "urn:ietf:params:oauth:grant-type:device_code"
    }
  );
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    token: response.data.access_token,
    scopes: response.data.scope.split(/\s+/).filter(Boolean)
  };
  if ("clientSecret" in options) {
    authentication.clientSecret = options.clientSecret;
  }
  if (options.clientType === "github-app") {
    if ("refresh_token" in response.data) {
      const apiTimeInMs = new Date(response.headers.date).getTime();
      authentication.refreshToken = response.data.refresh_token, authentication.expiresAt = toTimestamp2(
        apiTimeInMs,
        response.data.expires_in
      ), authentication.refreshTokenExpiresAt = toTimestamp2(
        apiTimeInMs,
        response.data.refresh_token_expires_in
      );
    }
    delete authentication.scopes;
  }
  return { ...response, authentication };
}
function toTimestamp2(apiTimeInMs, expirationInSeconds) {
  return new Date(apiTimeInMs + expirationInSeconds * 1e3).toISOString();
}

// pkg/dist-src/check-token.js

async function checkToken(options) {
  const request = options.request || dist_bundle_request;
  const response = await request("POST /applications/{client_id}/token", {
    headers: {
      authorization: `basic ${btoa(
        `${options.clientId}:${options.clientSecret}`
      )}`
    },
    client_id: options.clientId,
    access_token: options.token
  });
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: options.token,
    scopes: response.data.scopes
  };
  if (response.data.expires_at)
    authentication.expiresAt = response.data.expires_at;
  if (options.clientType === "github-app") {
    delete authentication.scopes;
  }
  return { ...response, authentication };
}

// pkg/dist-src/refresh-token.js

async function refreshToken(options) {
  const request = options.request || dist_bundle_request;
  const response = await oauthRequest(
    request,
    "POST /login/oauth/access_token",
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      grant_type: "refresh_token",
      refresh_token: options.refreshToken
    }
  );
  const apiTimeInMs = new Date(response.headers.date).getTime();
  const authentication = {
    clientType: "github-app",
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: response.data.access_token,
    refreshToken: response.data.refresh_token,
    expiresAt: toTimestamp3(apiTimeInMs, response.data.expires_in),
    refreshTokenExpiresAt: toTimestamp3(
      apiTimeInMs,
      response.data.refresh_token_expires_in
    )
  };
  return { ...response, authentication };
}
function toTimestamp3(apiTimeInMs, expirationInSeconds) {
  return new Date(apiTimeInMs + expirationInSeconds * 1e3).toISOString();
}

// pkg/dist-src/scope-token.js

async function scopeToken(options) {
  const {
    request: optionsRequest,
    clientType,
    clientId,
    clientSecret,
    token,
    ...requestOptions
  } = options;
  const request = options.request || defaultRequest7;
  const response = await request(
    "POST /applications/{client_id}/token/scoped",
    {
      headers: {
        authorization: `basic ${btoa(`${clientId}:${clientSecret}`)}`
      },
      client_id: clientId,
      access_token: token,
      ...requestOptions
    }
  );
  const authentication = Object.assign(
    {
      clientType,
      clientId,
      clientSecret,
      token: response.data.token
    },
    response.data.expires_at ? { expiresAt: response.data.expires_at } : {}
  );
  return { ...response, authentication };
}

// pkg/dist-src/reset-token.js

async function resetToken(options) {
  const request = options.request || dist_bundle_request;
  const auth = btoa(`${options.clientId}:${options.clientSecret}`);
  const response = await request(
    "PATCH /applications/{client_id}/token",
    {
      headers: {
        authorization: `basic ${auth}`
      },
      client_id: options.clientId,
      access_token: options.token
    }
  );
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: response.data.token,
    scopes: response.data.scopes
  };
  if (response.data.expires_at)
    authentication.expiresAt = response.data.expires_at;
  if (options.clientType === "github-app") {
    delete authentication.scopes;
  }
  return { ...response, authentication };
}

// pkg/dist-src/delete-token.js

async function deleteToken(options) {
  const request = options.request || dist_bundle_request;
  const auth = btoa(`${options.clientId}:${options.clientSecret}`);
  return request(
    "DELETE /applications/{client_id}/token",
    {
      headers: {
        authorization: `basic ${auth}`
      },
      client_id: options.clientId,
      access_token: options.token
    }
  );
}

// pkg/dist-src/delete-authorization.js

async function deleteAuthorization(options) {
  const request = options.request || dist_bundle_request;
  const auth = btoa(`${options.clientId}:${options.clientSecret}`);
  return request(
    "DELETE /applications/{client_id}/grant",
    {
      headers: {
        authorization: `basic ${auth}`
      },
      client_id: options.clientId,
      access_token: options.token
    }
  );
}

/* v8 ignore next: we always pass a custom request in tests -- @preserve */

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+auth-oauth-device@8.0.5/node_modules/@octokit/auth-oauth-device/dist-bundle/index.js
// pkg/dist-src/index.js



// pkg/dist-src/get-oauth-access-token.js

async function getOAuthAccessToken(state, options) {
  const cachedAuthentication = getCachedAuthentication(state, options.auth);
  if (cachedAuthentication) return cachedAuthentication;
  const { data: verification } = await createDeviceCode({
    clientType: state.clientType,
    clientId: state.clientId,
    request: options.request || state.request,
    // @ts-expect-error the extra code to make TS happy is not worth it
    scopes: options.auth.scopes || state.scopes
  });
  await state.onVerification(verification);
  const authentication = await waitForAccessToken(
    options.request || state.request,
    state.clientId,
    state.clientType,
    verification
  );
  state.authentication = authentication;
  return authentication;
}
function getCachedAuthentication(state, auth2) {
  if (auth2.refresh === true) return false;
  if (!state.authentication) return false;
  if (state.clientType === "github-app") {
    return state.authentication;
  }
  const authentication = state.authentication;
  const newScope = ("scopes" in auth2 && auth2.scopes || state.scopes).join(
    " "
  );
  const currentScope = authentication.scopes.join(" ");
  return newScope === currentScope ? authentication : false;
}
async function wait(seconds) {
  await new Promise((resolve) => setTimeout(resolve, seconds * 1e3));
}
async function waitForAccessToken(request, clientId, clientType, verification) {
  try {
    const options = {
      clientId,
      request,
      code: verification.device_code
    };
    const { authentication } = clientType === "oauth-app" ? await exchangeDeviceCode({
      ...options,
      clientType: "oauth-app"
    }) : await exchangeDeviceCode({
      ...options,
      clientType: "github-app"
    });
    return {
      type: "token",
      tokenType: "oauth",
      ...authentication
    };
  } catch (error) {
    if (!error.response) throw error;
    const errorType = error.response.data.error;
    if (errorType === "authorization_pending") {
      await wait(verification.interval);
      return waitForAccessToken(request, clientId, clientType, verification);
    }
    if (errorType === "slow_down") {
      await wait(verification.interval + 7);
      return waitForAccessToken(request, clientId, clientType, verification);
    }
    throw error;
  }
}

// pkg/dist-src/auth.js
async function auth(state, authOptions) {
  return getOAuthAccessToken(state, {
    auth: authOptions
  });
}

// pkg/dist-src/hook.js
async function hook(state, request, route, parameters) {
  let endpoint = request.endpoint.merge(
    route,
    parameters
  );
  if (/\/login\/(oauth\/access_token|device\/code)$/.test(endpoint.url)) {
    return request(endpoint);
  }
  const { token } = await getOAuthAccessToken(state, {
    request,
    auth: { type: "oauth" }
  });
  endpoint.headers.authorization = `token ${token}`;
  return request(endpoint);
}

// pkg/dist-src/version.js
var auth_oauth_device_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/index.js
function createOAuthDeviceAuth(options) {
  const requestWithDefaults = options.request || dist_bundle_request.defaults({
    headers: {
      "user-agent": `octokit-auth-oauth-device.js/${auth_oauth_device_dist_bundle_VERSION} ${getUserAgent()}`
    }
  });
  const { request = requestWithDefaults, ...otherOptions } = options;
  const state = options.clientType === "github-app" ? {
    ...otherOptions,
    clientType: "github-app",
    request
  } : {
    ...otherOptions,
    clientType: "oauth-app",
    request,
    scopes: options.scopes || []
  };
  if (!options.clientId) {
    throw new Error(
      '[@octokit/auth-oauth-device] "clientId" option must be set (https://github.com/octokit/auth-oauth-device.js#usage)'
    );
  }
  if (!options.onVerification) {
    throw new Error(
      '[@octokit/auth-oauth-device] "onVerification" option must be a function (https://github.com/octokit/auth-oauth-device.js#usage)'
    );
  }
  return Object.assign(auth.bind(null, state), {
    hook: hook.bind(null, state)
  });
}

/* v8 ignore next 2 -- @preserve */

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+auth-oauth-user@6.0.4/node_modules/@octokit/auth-oauth-user/dist-bundle/index.js
// pkg/dist-src/index.js



// pkg/dist-src/version.js
var auth_oauth_user_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/get-authentication.js


async function getAuthentication(state) {
  if ("code" in state.strategyOptions) {
    const { authentication } = await exchangeWebFlowCode({
      clientId: state.clientId,
      clientSecret: state.clientSecret,
      clientType: state.clientType,
      onTokenCreated: state.onTokenCreated,
      ...state.strategyOptions,
      request: state.request
    });
    return {
      type: "token",
      tokenType: "oauth",
      ...authentication
    };
  }
  if ("onVerification" in state.strategyOptions) {
    const deviceAuth = createOAuthDeviceAuth({
      clientType: state.clientType,
      clientId: state.clientId,
      onTokenCreated: state.onTokenCreated,
      ...state.strategyOptions,
      request: state.request
    });
    const authentication = await deviceAuth({
      type: "oauth"
    });
    return {
      clientSecret: state.clientSecret,
      ...authentication
    };
  }
  if ("token" in state.strategyOptions) {
    return {
      type: "token",
      tokenType: "oauth",
      clientId: state.clientId,
      clientSecret: state.clientSecret,
      clientType: state.clientType,
      onTokenCreated: state.onTokenCreated,
      ...state.strategyOptions
    };
  }
  throw new Error("[@octokit/auth-oauth-user] Invalid strategy options");
}

// pkg/dist-src/auth.js

async function dist_bundle_auth(state, options = {}) {
  if (!state.authentication) {
    state.authentication = state.clientType === "oauth-app" ? await getAuthentication(state) : await getAuthentication(state);
  }
  if (state.authentication.invalid) {
    throw new Error("[@octokit/auth-oauth-user] Token is invalid");
  }
  const currentAuthentication = state.authentication;
  if ("expiresAt" in currentAuthentication) {
    if (options.type === "refresh" || new Date(currentAuthentication.expiresAt) < /* @__PURE__ */ new Date()) {
      const { authentication } = await refreshToken({
        clientType: "github-app",
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        refreshToken: currentAuthentication.refreshToken,
        request: state.request
      });
      state.authentication = {
        tokenType: "oauth",
        type: "token",
        ...authentication
      };
    }
  }
  if (options.type === "refresh") {
    if (state.clientType === "oauth-app") {
      throw new Error(
        "[@octokit/auth-oauth-user] OAuth Apps do not support expiring tokens"
      );
    }
    if (!currentAuthentication.hasOwnProperty("expiresAt")) {
      throw new Error("[@octokit/auth-oauth-user] Refresh token missing");
    }
    await state.onTokenCreated?.(state.authentication, {
      type: options.type
    });
  }
  if (options.type === "check" || options.type === "reset") {
    const method = options.type === "check" ? checkToken : resetToken;
    try {
      const { authentication } = await method({
        // @ts-expect-error making TS happy would require unnecessary code so no
        clientType: state.clientType,
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        token: state.authentication.token,
        request: state.request
      });
      state.authentication = {
        tokenType: "oauth",
        type: "token",
        // @ts-expect-error TBD
        ...authentication
      };
      if (options.type === "reset") {
        await state.onTokenCreated?.(state.authentication, {
          type: options.type
        });
      }
      return state.authentication;
    } catch (error) {
      if (error.status === 404) {
        error.message = "[@octokit/auth-oauth-user] Token is invalid";
        state.authentication.invalid = true;
      }
      throw error;
    }
  }
  if (options.type === "delete" || options.type === "deleteAuthorization") {
    const method = options.type === "delete" ? deleteToken : deleteAuthorization;
    try {
      await method({
        // @ts-expect-error making TS happy would require unnecessary code so no
        clientType: state.clientType,
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        token: state.authentication.token,
        request: state.request
      });
    } catch (error) {
      if (error.status !== 404) throw error;
    }
    state.authentication.invalid = true;
    return state.authentication;
  }
  return state.authentication;
}

// pkg/dist-src/requires-basic-auth.js
var ROUTES_REQUIRING_BASIC_AUTH = /\/applications\/[^/]+\/(token|grant)s?/;
function requiresBasicAuth(url) {
  return url && ROUTES_REQUIRING_BASIC_AUTH.test(url);
}

// pkg/dist-src/hook.js
async function dist_bundle_hook(state, request, route, parameters = {}) {
  const endpoint = request.endpoint.merge(
    route,
    parameters
  );
  if (/\/login\/(oauth\/access_token|device\/code)$/.test(endpoint.url)) {
    return request(endpoint);
  }
  if (requiresBasicAuth(endpoint.url)) {
    const credentials = btoa(`${state.clientId}:${state.clientSecret}`);
    endpoint.headers.authorization = `basic ${credentials}`;
    return request(endpoint);
  }
  const { token } = state.clientType === "oauth-app" ? await dist_bundle_auth({ ...state, request }) : await dist_bundle_auth({ ...state, request });
  endpoint.headers.authorization = "token " + token;
  return request(endpoint);
}

// pkg/dist-src/index.js
function createOAuthUserAuth({
  clientId,
  clientSecret,
  clientType = "oauth-app",
  request = dist_bundle_request.defaults({
    headers: {
      "user-agent": `octokit-auth-oauth-app.js/${auth_oauth_user_dist_bundle_VERSION} ${getUserAgent()}`
    }
  }),
  onTokenCreated,
  ...strategyOptions
}) {
  const state = Object.assign({
    clientType,
    clientId,
    clientSecret,
    onTokenCreated,
    strategyOptions,
    request
  });
  return Object.assign(dist_bundle_auth.bind(null, state), {
    // @ts-expect-error not worth the extra code needed to appease TS
    hook: dist_bundle_hook.bind(null, state)
  });
}
createOAuthUserAuth.VERSION = auth_oauth_user_dist_bundle_VERSION;

/* v8 ignore if -- @preserve */
/* v8 ignore next -- @preserve */

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+auth-oauth-app@9.0.5/node_modules/@octokit/auth-oauth-app/dist-bundle/index.js
// pkg/dist-src/index.js



// pkg/dist-src/auth.js

async function auth_oauth_app_dist_bundle_auth(state, authOptions) {
  if (authOptions.type === "oauth-app") {
    return {
      type: "oauth-app",
      clientId: state.clientId,
      clientSecret: state.clientSecret,
      clientType: state.clientType,
      headers: {
        authorization: `basic ${btoa(
          `${state.clientId}:${state.clientSecret}`
        )}`
      }
    };
  }
  if ("factory" in authOptions) {
    const { type, ...options } = {
      ...authOptions,
      ...state
    };
    return authOptions.factory(options);
  }
  const common = {
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    request: state.request,
    ...authOptions
  };
  const userAuth = state.clientType === "oauth-app" ? await createOAuthUserAuth({
    ...common,
    clientType: state.clientType
  }) : await createOAuthUserAuth({
    ...common,
    clientType: state.clientType
  });
  return userAuth();
}

// pkg/dist-src/hook.js

async function auth_oauth_app_dist_bundle_hook(state, request2, route, parameters) {
  let endpoint = request2.endpoint.merge(
    route,
    parameters
  );
  if (/\/login\/(oauth\/access_token|device\/code)$/.test(endpoint.url)) {
    return request2(endpoint);
  }
  if (state.clientType === "github-app" && !requiresBasicAuth(endpoint.url)) {
    throw new Error(
      `[@octokit/auth-oauth-app] GitHub Apps cannot use their client ID/secret for basic authentication for endpoints other than "/applications/{client_id}/**". "${endpoint.method} ${endpoint.url}" is not supported.`
    );
  }
  const credentials = btoa(`${state.clientId}:${state.clientSecret}`);
  endpoint.headers.authorization = `basic ${credentials}`;
  try {
    return await request2(endpoint);
  } catch (error) {
    if (error.status !== 401) throw error;
    error.message = `[@octokit/auth-oauth-app] "${endpoint.method} ${endpoint.url}" does not support clientId/clientSecret basic authentication.`;
    throw error;
  }
}

// pkg/dist-src/version.js
var auth_oauth_app_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/index.js

function createOAuthAppAuth(options) {
  const state = Object.assign(
    {
      request: dist_bundle_request.defaults({
        headers: {
          "user-agent": `octokit-auth-oauth-app.js/${auth_oauth_app_dist_bundle_VERSION} ${getUserAgent()}`
        }
      }),
      clientType: "oauth-app"
    },
    options
  );
  return Object.assign(auth_oauth_app_dist_bundle_auth.bind(null, state), {
    hook: auth_oauth_app_dist_bundle_hook.bind(null, state)
  });
}

/* v8 ignore next -- @preserve */

;// CONCATENATED MODULE: ../../node_modules/.pnpm/universal-github-app-jwt@2.2.2/node_modules/universal-github-app-jwt/lib/utils.js
// we don't @ts-check here because it chokes on atob and btoa which are available in all modern JS runtime environments

/**
 * @param {string} privateKey
 * @returns {boolean}
 */
function isPkcs1(privateKey) {
  return privateKey.includes("-----BEGIN RSA PRIVATE KEY-----");
}

/**
 * @param {string} privateKey
 * @returns {boolean}
 */
function isOpenSsh(privateKey) {
  return privateKey.includes("-----BEGIN OPENSSH PRIVATE KEY-----");
}

/**
 * @param {string} str
 * @returns {ArrayBuffer}
 */
function string2ArrayBuffer(str) {
  const buf = new ArrayBuffer(str.length);
  const bufView = new Uint8Array(buf);
  for (let i = 0, strLen = str.length; i < strLen; i++) {
    bufView[i] = str.charCodeAt(i);
  }
  return buf;
}

/**
 * @param {string} pem
 * @returns {ArrayBuffer}
 */
function getDERfromPEM(pem) {
  const pemB64 = pem
    .trim()
    .split("\n")
    .slice(1, -1) // Remove the --- BEGIN / END PRIVATE KEY ---
    .join("");

  const decoded = atob(pemB64);
  return string2ArrayBuffer(decoded);
}

/**
 * @param {import('../internals').Header} header
 * @param {import('../internals').Payload} payload
 * @returns {string}
 */
function getEncodedMessage(header, payload) {
  return `${base64encodeJSON(header)}.${base64encodeJSON(payload)}`;
}

/**
 * @param {ArrayBuffer} buffer
 * @returns {string}
 */
function base64encode(buffer) {
  var binary = "";
  var bytes = new Uint8Array(buffer);
  var len = bytes.byteLength;
  for (var i = 0; i < len; i++) {
    binary += String.fromCharCode(bytes[i]);
  }

  return fromBase64(btoa(binary));
}

/**
 * @param {string} base64
 * @returns {string}
 */
function fromBase64(base64) {
  return base64.replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/**
 * @param {Record<string,unknown>} obj
 * @returns {string}
 */
function base64encodeJSON(obj) {
  return fromBase64(btoa(JSON.stringify(obj)));
}

;// CONCATENATED MODULE: ../../node_modules/.pnpm/universal-github-app-jwt@2.2.2/node_modules/universal-github-app-jwt/lib/crypto-node.js
// this can be removed once we only support Node 20+





// no-op, unfortunately there is no way to transform from PKCS8 or OpenSSH to PKCS1 with WebCrypto
function convertPrivateKey(privateKey) {
  if (!isPkcs1(privateKey)) return privateKey;

  return (0,external_node_crypto_.createPrivateKey)(privateKey).export({
    type: "pkcs8",
    format: "pem",
  });
}

;// CONCATENATED MODULE: ../../node_modules/.pnpm/universal-github-app-jwt@2.2.2/node_modules/universal-github-app-jwt/lib/get-token.js
// we don't @ts-check here because it chokes crypto which is a global API in modern JS runtime environments





/**
 * @param {import('../internals').GetTokenOptions} options
 * @returns {Promise<string>}
 */
async function getToken({ privateKey, payload }) {
  const convertedPrivateKey = convertPrivateKey(privateKey);

  // WebCrypto only supports PKCS#8, unfortunately
  /* c8 ignore start */
  if (isPkcs1(convertedPrivateKey)) {
    throw new Error(
      "[universal-github-app-jwt] Private Key is in PKCS#1 format, but only PKCS#8 is supported. See https://github.com/gr2m/universal-github-app-jwt#private-key-formats"
    );
  }
  /* c8 ignore stop */

  // WebCrypto does not support OpenSSH, unfortunately
  if (isOpenSsh(convertedPrivateKey)) {
    throw new Error(
      "[universal-github-app-jwt] Private Key is in OpenSSH format, but only PKCS#8 is supported. See https://github.com/gr2m/universal-github-app-jwt#private-key-formats"
    );
  }

  const algorithm = {
    name: "RSASSA-PKCS1-v1_5",
    hash: { name: "SHA-256" },
  };

  /** @type {import('../internals').Header} */
  const header = { alg: "RS256", typ: "JWT" };

  const privateKeyDER = getDERfromPEM(convertedPrivateKey);
  const importedKey = await external_node_crypto_.subtle.importKey(
    "pkcs8",
    privateKeyDER,
    algorithm,
    false,
    ["sign"]
  );

  const encodedMessage = getEncodedMessage(header, payload);
  const encodedMessageArrBuf = string2ArrayBuffer(encodedMessage);

  const signatureArrBuf = await external_node_crypto_.subtle.sign(
    algorithm.name,
    importedKey,
    encodedMessageArrBuf
  );

  const encodedSignature = base64encode(signatureArrBuf);

  return `${encodedMessage}.${encodedSignature}`;
}

;// CONCATENATED MODULE: ../../node_modules/.pnpm/universal-github-app-jwt@2.2.2/node_modules/universal-github-app-jwt/index.js
// @ts-check

// @ts-ignore - #get-token is defined in "imports" in package.json


/**
 * @param {import(".").Options} options
 * @returns {Promise<import(".").Result>}
 */
async function githubAppJwt({
  id,
  privateKey,
  now = Math.floor(Date.now() / 1000),
}) {
  // Private keys are often times configured as environment variables, in which case line breaks are escaped using `\\n`.
  // Replace these here for convenience.
  const privateKeyWithNewlines = privateKey.replace(/\\n/g, '\n');

  // When creating a JSON Web Token, it sets the "issued at time" (iat) to 30s
  // in the past as we have seen people running situations where the GitHub API
  // claimed the iat would be in future. It turned out the clocks on the
  // different machine were not in sync.
  const nowWithSafetyMargin = now - 30;
  const expiration = nowWithSafetyMargin + 60 * 10; // JWT expiration time (10 minute maximum)

  const payload = {
    iat: nowWithSafetyMargin, // Issued at time
    exp: expiration,
    iss: id,
  };

  const token = await getToken({
    privateKey: privateKeyWithNewlines,
    payload,
  });

  return {
    appId: id,
    expiration,
    token,
  };
}

;// CONCATENATED MODULE: ../../node_modules/.pnpm/toad-cache@3.7.4/node_modules/toad-cache/dist/toad-cache.mjs
/**
 * toad-cache
 *
 * @copyright 2026 Igor Savin <kibertoad@gmail.com>
 * @license MIT
 * @version 3.7.3
 */
/**
 * Validates the shared cache constructor parameters.
 * Both values must be non-negative integers.
 *
 * @param {number} max
 * @param {number} ttlInMsecs
 */
function validateCacheParams(max, ttlInMsecs) {
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 0) {
    throw new Error('Invalid max value')
  }

  if (typeof ttlInMsecs !== 'number' || !Number.isInteger(ttlInMsecs) || ttlInMsecs < 0) {
    throw new Error('Invalid ttl value')
  }
}class FifoMap {
  constructor(max = 1000, ttlInMsecs = 0) {
    validateCacheParams(max, ttlInMsecs);

    this.first = null;
    this.items = new Map();
    this.last = null;
    this.max = max;
    this.ttl = ttlInMsecs;
  }

  get size() {
    return this.items.size
  }

  clear() {
    this.items.clear();
    this.first = null;
    this.last = null;
  }

  delete(key) {
    const deletedItem = this.items.get(key);

    if (deletedItem !== undefined) {
      this.items.delete(key);

      if (deletedItem.prev !== null) {
        deletedItem.prev.next = deletedItem.next;
      }

      if (deletedItem.next !== null) {
        deletedItem.next.prev = deletedItem.prev;
      }

      if (this.first === deletedItem) {
        this.first = deletedItem.next;
      }

      if (this.last === deletedItem) {
        this.last = deletedItem.prev;
      }
    }
  }

  deleteMany(keys) {
    for (var i = 0; i < keys.length; i++) {
      this.delete(keys[i]);
    }
  }

  evict() {
    if (this.size > 0) {
      const item = this.first;

      this.items.delete(item.key);

      if (this.size === 0) {
        this.first = null;
        this.last = null;
      } else {
        this.first = item.next;
        this.first.prev = null;
      }
    }
  }

  expiresAt(key) {
    const item = this.items.get(key);

    if (item !== undefined) {
      return item.expiry
    }
  }

  get(key) {
    const item = this.items.get(key);

    if (item !== undefined) {
      if (this.ttl > 0 && item.expiry <= Date.now()) {
        this.delete(key);
        return
      }

      return item.value
    }
  }

  getMany(keys) {
    const result = new Array(keys.length);

    for (var i = 0; i < keys.length; i++) {
      result[i] = this.get(keys[i]);
    }

    return result
  }

  keys() {
    return this.items.keys()
  }

  set(key, value) {
    // Replace existing item
    const existing = this.items.get(key);

    if (existing !== undefined) {
      existing.value = value;
      existing.expiry = this.ttl > 0 ? Date.now() + this.ttl : this.ttl;

      return
    }

    // Add new item
    if (this.max > 0 && this.size >= this.max) {
      this.evict();
    }

    const item = {
      expiry: this.ttl > 0 ? Date.now() + this.ttl : this.ttl,
      key: key,
      prev: this.last,
      next: null,
      value,
    };
    this.items.set(key, item);

    if (this.size === 1) {
      this.first = item;
    } else {
      this.last.next = item;
    }

    this.last = item;
  }
}class FifoObject {
  constructor(max = 1000, ttlInMsecs = 0) {
    validateCacheParams(max, ttlInMsecs);

    this.first = null;
    this.items = Object.create(null);
    this.last = null;
    this.size = 0;
    this.max = max;
    this.ttl = ttlInMsecs;
  }

  clear() {
    this.items = Object.create(null);
    this.first = null;
    this.last = null;
    this.size = 0;
  }

  delete(key) {
    const deletedItem = this.items[key];

    if (deletedItem !== undefined) {
      delete this.items[key];
      this.size--;

      if (deletedItem.prev !== null) {
        deletedItem.prev.next = deletedItem.next;
      }

      if (deletedItem.next !== null) {
        deletedItem.next.prev = deletedItem.prev;
      }

      if (this.first === deletedItem) {
        this.first = deletedItem.next;
      }

      if (this.last === deletedItem) {
        this.last = deletedItem.prev;
      }
    }
  }

  deleteMany(keys) {
    for (var i = 0; i < keys.length; i++) {
      this.delete(keys[i]);
    }
  }

  evict() {
    if (this.size > 0) {
      const item = this.first;

      delete this.items[item.key];

      if (--this.size === 0) {
        this.first = null;
        this.last = null;
      } else {
        this.first = item.next;
        this.first.prev = null;
      }
    }
  }

  expiresAt(key) {
    const item = this.items[key];

    if (item !== undefined) {
      return item.expiry
    }
  }

  get(key) {
    const item = this.items[key];

    if (item !== undefined) {
      if (this.ttl > 0 && item.expiry <= Date.now()) {
        this.delete(key);
        return
      }

      return item.value
    }
  }

  getMany(keys) {
    const result = new Array(keys.length);

    for (var i = 0; i < keys.length; i++) {
      result[i] = this.get(keys[i]);
    }

    return result
  }

  keys() {
    return Object.keys(this.items)
  }

  set(key, value) {
    // Replace existing item
    const existing = this.items[key];

    if (existing !== undefined) {
      existing.value = value;
      existing.expiry = this.ttl > 0 ? Date.now() + this.ttl : this.ttl;

      return
    }

    // Add new item
    if (this.max > 0 && this.size >= this.max) {
      this.evict();
    }

    const item = {
      expiry: this.ttl > 0 ? Date.now() + this.ttl : this.ttl,
      key: key,
      prev: this.last,
      next: null,
      value,
    };
    this.items[key] = item;

    if (++this.size === 1) {
      this.first = item;
    } else {
      this.last.next = item;
    }

    this.last = item;
  }
}/**
 * Creates a zeroed statistics record for a single collection window.
 *
 * @returns {object}
 */
function createEmptyStatisticsRecord() {
  return {
    cacheSize: 0,
    hits: 0,
    falsyHits: 0,
    emptyHits: 0,
    misses: 0,
    expirations: 0,
    evictions: 0,
    invalidateOne: 0,
    invalidateAll: 0,
    sets: 0,
  }
}class HitStatisticsRecord {
  constructor() {
    this.records = {};
  }

  initForCache(cacheId, currentTimeStamp) {
    this.records[cacheId] = {
      [currentTimeStamp]: createEmptyStatisticsRecord(),
    };
  }

  resetForCache(cacheId) {
    if (!this.records[cacheId]) {
      return
    }

    for (let key of Object.keys(this.records[cacheId])) {
      this.records[cacheId][key] = createEmptyStatisticsRecord();
    }
  }

  getStatistics() {
    return this.records
  }
}class LruMap {
  constructor(max = 1000, ttlInMsecs = 0) {
    validateCacheParams(max, ttlInMsecs);

    this.first = null;
    this.items = new Map();
    this.last = null;
    this.max = max;
    this.ttl = ttlInMsecs;
  }

  get size() {
    return this.items.size
  }

  bumpLru(item) {
    if (this.last === item) {
      return // Item is already the last one, no need to bump
    }

    const last = this.last;
    const next = item.next;
    const prev = item.prev;

    if (this.first === item) {
      this.first = next;
    }

    item.next = null;
    item.prev = last;
    last.next = item;

    if (prev !== null) {
      prev.next = next;
    }

    /* v8 ignore next 3 -- next is always non-null here: the early return above guarantees item !== this.last in a well-formed list */
    if (next !== null) {
      next.prev = prev;
    }

    this.last = item;
  }

  clear() {
    this.items.clear();
    this.first = null;
    this.last = null;
  }

  delete(key) {
    const item = this.items.get(key);

    if (item !== undefined) {
      this.items.delete(key);

      if (item.prev !== null) {
        item.prev.next = item.next;
      }

      if (item.next !== null) {
        item.next.prev = item.prev;
      }

      if (this.first === item) {
        this.first = item.next;
      }

      if (this.last === item) {
        this.last = item.prev;
      }
    }
  }

  deleteMany(keys) {
    for (var i = 0; i < keys.length; i++) {
      this.delete(keys[i]);
    }
  }

  evict() {
    if (this.size > 0) {
      const item = this.first;

      this.items.delete(item.key);

      if (this.size === 0) {
        this.first = null;
        this.last = null;
      } else {
        this.first = item.next;
        this.first.prev = null;
      }
    }
  }

  expiresAt(key) {
    const item = this.items.get(key);

    if (item !== undefined) {
      return item.expiry
    }
  }

  get(key) {
    const item = this.items.get(key);

    if (item !== undefined) {
      // Item has already expired
      if (this.ttl > 0 && item.expiry <= Date.now()) {
        this.delete(key);
        return
      }

      // Item is still fresh
      this.bumpLru(item);
      return item.value
    }
  }

  getMany(keys) {
    const result = new Array(keys.length);

    for (var i = 0; i < keys.length; i++) {
      result[i] = this.get(keys[i]);
    }

    return result
  }

  keys() {
    return this.items.keys()
  }

  set(key, value) {
    // Replace existing item
    const existing = this.items.get(key);

    if (existing !== undefined) {
      existing.value = value;
      existing.expiry = this.ttl > 0 ? Date.now() + this.ttl : this.ttl;
      this.bumpLru(existing);

      return
    }

    // Add new item
    if (this.max > 0 && this.size >= this.max) {
      this.evict();
    }

    const item = {
      expiry: this.ttl > 0 ? Date.now() + this.ttl : this.ttl,
      key: key,
      prev: this.last,
      next: null,
      value,
    };
    this.items.set(key, item);

    if (this.size === 1) {
      this.first = item;
    } else {
      this.last.next = item;
    }

    this.last = item;
  }
}class LruObject {
  constructor(max = 1000, ttlInMsecs = 0) {
    validateCacheParams(max, ttlInMsecs);

    this.first = null;
    this.items = Object.create(null);
    this.last = null;
    this.size = 0;
    this.max = max;
    this.ttl = ttlInMsecs;
  }

  bumpLru(item) {
    if (this.last === item) {
      return // Item is already the last one, no need to bump
    }

    const last = this.last;
    const next = item.next;
    const prev = item.prev;

    if (this.first === item) {
      this.first = next;
    }

    item.next = null;
    item.prev = last;
    last.next = item;

    if (prev !== null) {
      prev.next = next;
    }

    /* v8 ignore next 3 -- next is always non-null here: the early return above guarantees item !== this.last in a well-formed list */
    if (next !== null) {
      next.prev = prev;
    }

    this.last = item;
  }

  clear() {
    this.items = Object.create(null);
    this.first = null;
    this.last = null;
    this.size = 0;
  }

  delete(key) {
    const item = this.items[key];

    if (item !== undefined) {
      delete this.items[key];
      this.size--;

      if (item.prev !== null) {
        item.prev.next = item.next;
      }

      if (item.next !== null) {
        item.next.prev = item.prev;
      }

      if (this.first === item) {
        this.first = item.next;
      }

      if (this.last === item) {
        this.last = item.prev;
      }
    }
  }

  deleteMany(keys) {
    for (var i = 0; i < keys.length; i++) {
      this.delete(keys[i]);
    }
  }

  evict() {
    if (this.size > 0) {
      const item = this.first;

      delete this.items[item.key];

      if (--this.size === 0) {
        this.first = null;
        this.last = null;
      } else {
        this.first = item.next;
        this.first.prev = null;
      }
    }
  }

  expiresAt(key) {
    const item = this.items[key];

    if (item !== undefined) {
      return item.expiry
    }
  }

  get(key) {
    const item = this.items[key];

    if (item !== undefined) {
      // Item has already expired
      if (this.ttl > 0 && item.expiry <= Date.now()) {
        this.delete(key);
        return
      }

      // Item is still fresh
      this.bumpLru(item);
      return item.value
    }
  }

  getMany(keys) {
    const result = new Array(keys.length);

    for (var i = 0; i < keys.length; i++) {
      result[i] = this.get(keys[i]);
    }

    return result
  }

  keys() {
    return Object.keys(this.items)
  }

  set(key, value) {
    // Replace existing item
    const existing = this.items[key];

    if (existing !== undefined) {
      existing.value = value;
      existing.expiry = this.ttl > 0 ? Date.now() + this.ttl : this.ttl;
      this.bumpLru(existing);

      return
    }

    // Add new item
    if (this.max > 0 && this.size >= this.max) {
      this.evict();
    }

    const item = {
      expiry: this.ttl > 0 ? Date.now() + this.ttl : this.ttl,
      key: key,
      prev: this.last,
      next: null,
      value,
    };
    this.items[key] = item;

    if (++this.size === 1) {
      this.first = item;
    } else {
      this.last.next = item;
    }

    this.last = item;
  }
}/**
 *
 * @param {Date} date
 * @returns {string}
 */
function getTimestamp(date) {
  return `${date.getFullYear()}-${(date.getMonth() + 1).toString().padStart(2, '0')}-${date
    .getDate()
    .toString()
    .padStart(2, '0')}`
}class HitStatistics {
  constructor(cacheId, statisticTtlInHours, globalStatisticsRecord) {
    this.cacheId = cacheId;
    this.statisticTtlInHours = statisticTtlInHours;

    this.collectionStart = new Date();
    this.currentTimeStamp = getTimestamp(this.collectionStart);
    this.archiveAfter = this.collectionStart.getTime() + this.statisticTtlInHours * 3_600_000;

    this.records = globalStatisticsRecord || new HitStatisticsRecord();
    this.records.initForCache(this.cacheId, this.currentTimeStamp);
  }

  get currentRecord() {
    const cacheRecords = this.records.records[this.cacheId];
    // safety net
    /* c8 ignore next 3 */
    if (!cacheRecords[this.currentTimeStamp]) {
      cacheRecords[this.currentTimeStamp] = createEmptyStatisticsRecord();
    }

    return cacheRecords[this.currentTimeStamp]
  }

  /* v8 ignore next 3 -- kept for compatibility, no longer used internally */
  hoursPassed() {
    return (Date.now() - this.collectionStart) / 1000 / 60 / 60
  }

  addHit() {
    this.archiveIfNeeded();
    this.currentRecord.hits++;
  }
  addFalsyHit() {
    this.archiveIfNeeded();
    this.currentRecord.falsyHits++;
  }

  addEmptyHit() {
    this.archiveIfNeeded();
    this.currentRecord.emptyHits++;
  }

  addMiss() {
    this.archiveIfNeeded();
    this.currentRecord.misses++;
  }

  addEviction() {
    this.archiveIfNeeded();
    this.currentRecord.evictions++;
  }

  setCacheSize(currentSize) {
    this.archiveIfNeeded();
    this.currentRecord.cacheSize = currentSize;
  }

  addExpiration() {
    this.archiveIfNeeded();
    this.currentRecord.expirations++;
  }

  addSet() {
    this.archiveIfNeeded();
    this.currentRecord.sets++;
  }

  addInvalidateOne() {
    this.archiveIfNeeded();
    this.currentRecord.invalidateOne++;
  }

  addInvalidateAll() {
    this.archiveIfNeeded();
    this.currentRecord.invalidateAll++;
  }

  getStatistics() {
    return this.records.getStatistics()
  }

  archiveIfNeeded() {
    if (Date.now() >= this.archiveAfter) {
      this.collectionStart = new Date();
      this.currentTimeStamp = getTimestamp(this.collectionStart);
      this.archiveAfter = this.collectionStart.getTime() + this.statisticTtlInHours * 3_600_000;
      this.records.initForCache(this.cacheId, this.currentTimeStamp);
    }
  }
}class LruObjectHitStatistics extends LruObject {
  constructor(max, ttlInMsecs, cacheId, globalStatisticsRecord, statisticTtlInHours) {
    // Pass through as-is: the base constructor applies the 1000/0 defaults for
    // omitted (undefined) values and validates everything else, so explicit 0
    // stays unlimited and null/NaN are rejected the same way as the base class.
    super(max, ttlInMsecs);

    if (!cacheId) {
      throw new Error('Cache id is mandatory')
    }

    this.hitStatistics = new HitStatistics(
      cacheId,
      statisticTtlInHours !== undefined ? statisticTtlInHours : 24,
      globalStatisticsRecord,
    );
  }

  getStatistics() {
    return this.hitStatistics.getStatistics()
  }

  set(key, value) {
    super.set(key, value);
    this.hitStatistics.addSet();
    this.hitStatistics.setCacheSize(this.size);
  }

  evict() {
    const hadItems = this.size > 0;
    super.evict();
    if (hadItems) {
      this.hitStatistics.addEviction();
    }
    this.hitStatistics.setCacheSize(this.size);
  }

  delete(key, isExpiration = false) {
    const existed = this.items[key] !== undefined;
    super.delete(key);

    if (existed && !isExpiration) {
      this.hitStatistics.addInvalidateOne();
    }
    this.hitStatistics.setCacheSize(this.size);
  }

  clear() {
    super.clear();

    this.hitStatistics.addInvalidateAll();
    this.hitStatistics.setCacheSize(this.size);
  }

  get(key) {
    const item = this.items[key];

    if (item !== undefined) {
      // Item has already expired
      if (this.ttl > 0 && item.expiry <= Date.now()) {
        this.delete(key, true);
        this.hitStatistics.addExpiration();
        return
      }

      // Item is still fresh
      this.bumpLru(item);
      if (!item.value) {
        this.hitStatistics.addFalsyHit();
        // Empty values are a subset of falsy values
        if (item.value === undefined || item.value === null || item.value === '') {
          this.hitStatistics.addEmptyHit();
        }
      }
      this.hitStatistics.addHit();
      return item.value
    }
    this.hitStatistics.addMiss();
  }
}
;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+auth-app@8.3.1/node_modules/@octokit/auth-app/dist-node/index.js
// pkg/dist-src/index.js




// pkg/dist-src/get-app-authentication.js

async function getAppAuthentication({
  appId,
  privateKey,
  timeDifference,
  createJwt
}) {
  try {
    if (createJwt) {
      const { jwt, expiresAt } = await createJwt(appId, timeDifference);
      return {
        type: "app",
        token: jwt,
        appId,
        expiresAt
      };
    }
    const authOptions = {
      id: appId,
      privateKey
    };
    if (timeDifference) {
      Object.assign(authOptions, {
        now: Math.floor(Date.now() / 1e3) + timeDifference
      });
    }
    const appAuthentication = await githubAppJwt(authOptions);
    return {
      type: "app",
      token: appAuthentication.token,
      appId: appAuthentication.appId,
      expiresAt: new Date(appAuthentication.expiration * 1e3).toISOString()
    };
  } catch (error) {
    if (privateKey === "-----BEGIN RSA PRIVATE KEY-----") {
      throw new Error(
        "The 'privateKey` option contains only the first line '-----BEGIN RSA PRIVATE KEY-----'. If you are setting it using a `.env` file, make sure it is set on a single line with newlines replaced by '\n'"
      );
    } else {
      throw error;
    }
  }
}

// pkg/dist-src/cache.js

function getCache() {
  return new LruObject(
    // cache max. 15000 tokens, that will use less than 10mb memory
    15e3,
    // Cache for 1 minute less than GitHub expiry
    1e3 * 60 * 59
  );
}
async function get(cache, options) {
  const cacheKey = optionsToCacheKey(options);
  const result = await cache.get(cacheKey);
  if (!result) {
    return;
  }
  const [
    token,
    createdAt,
    expiresAt,
    repositorySelection,
    permissionsString,
    singleFileName
  ] = result.split("|");
  const permissions = options.permissions || permissionsString.split(/,/).reduce((permissions2, string) => {
    if (/!$/.test(string)) {
      permissions2[string.slice(0, -1)] = "write";
    } else {
      permissions2[string] = "read";
    }
    return permissions2;
  }, {});
  return {
    token,
    createdAt,
    expiresAt,
    permissions,
    repositoryIds: options.repositoryIds,
    repositoryNames: options.repositoryNames,
    singleFileName,
    repositorySelection
  };
}
async function set(cache, options, data) {
  const key = optionsToCacheKey(options);
  const permissionsString = options.permissions ? "" : Object.keys(data.permissions).map(
    (name) => `${name}${data.permissions[name] === "write" ? "!" : ""}`
  ).join(",");
  const value = [
    data.token,
    data.createdAt,
    data.expiresAt,
    data.repositorySelection,
    permissionsString,
    data.singleFileName
  ].join("|");
  await cache.set(key, value);
}
function optionsToCacheKey({
  installationId,
  permissions = {},
  repositoryIds = [],
  repositoryNames = []
}) {
  const permissionsString = Object.keys(permissions).sort().map((name) => permissions[name] === "read" ? name : `${name}!`).join(",");
  const repositoryIdsString = repositoryIds.sort().join(",");
  const repositoryNamesString = repositoryNames.join(",");
  return [
    installationId,
    repositoryIdsString,
    repositoryNamesString,
    permissionsString
  ].filter(Boolean).join("|");
}

// pkg/dist-src/to-token-authentication.js
function toTokenAuthentication({
  installationId,
  token,
  createdAt,
  expiresAt,
  repositorySelection,
  permissions,
  repositoryIds,
  repositoryNames,
  singleFileName
}) {
  return Object.assign(
    {
      type: "token",
      tokenType: "installation",
      token,
      installationId,
      permissions,
      createdAt,
      expiresAt,
      repositorySelection
    },
    repositoryIds ? { repositoryIds } : null,
    repositoryNames ? { repositoryNames } : null,
    singleFileName ? { singleFileName } : null
  );
}

// pkg/dist-src/get-installation-authentication.js
async function getInstallationAuthentication(state, options, customRequest) {
  const installationId = Number(options.installationId || state.installationId);
  if (!installationId) {
    throw new Error(
      "[@octokit/auth-app] installationId option is required for installation authentication."
    );
  }
  if (options.factory) {
    const { type, factory, oauthApp, ...factoryAuthOptions } = {
      ...state,
      ...options
    };
    return factory(factoryAuthOptions);
  }
  const request = customRequest || state.request;
  return getInstallationAuthenticationConcurrently(
    state,
    { ...options, installationId },
    request
  );
}
var pendingPromises = /* @__PURE__ */ new Map();
function getInstallationAuthenticationConcurrently(state, options, request) {
  const cacheKey = optionsToCacheKey(options);
  if (pendingPromises.has(cacheKey)) {
    return pendingPromises.get(cacheKey);
  }
  const promise = getInstallationAuthenticationImpl(
    state,
    options,
    request
  ).finally(() => pendingPromises.delete(cacheKey));
  pendingPromises.set(cacheKey, promise);
  return promise;
}
async function getInstallationAuthenticationImpl(state, options, request) {
  if (!options.refresh) {
    const result = await get(state.cache, options);
    if (result) {
      const {
        token: token2,
        createdAt: createdAt2,
        expiresAt: expiresAt2,
        permissions: permissions2,
        repositoryIds: repositoryIds2,
        repositoryNames: repositoryNames2,
        singleFileName: singleFileName2,
        repositorySelection: repositorySelection2
      } = result;
      return toTokenAuthentication({
        installationId: options.installationId,
        token: token2,
        createdAt: createdAt2,
        expiresAt: expiresAt2,
        permissions: permissions2,
        repositorySelection: repositorySelection2,
        repositoryIds: repositoryIds2,
        repositoryNames: repositoryNames2,
        singleFileName: singleFileName2
      });
    }
  }
  const appAuthentication = await getAppAuthentication(state);
  const payload = {
    installation_id: options.installationId,
    mediaType: {
      previews: ["machine-man"]
    },
    headers: {
      authorization: `bearer ${appAuthentication.token}`
    }
  };
  if (options.repositoryIds) {
    Object.assign(payload, { repository_ids: options.repositoryIds });
  }
  if (options.repositoryNames) {
    Object.assign(payload, {
      repositories: options.repositoryNames
    });
  }
  if (options.permissions) {
    Object.assign(payload, { permissions: options.permissions });
  }
  const {
    data: {
      token,
      expires_at: expiresAt,
      repositories,
      permissions: permissionsOptional,
      repository_selection: repositorySelectionOptional,
      single_file: singleFileName
    }
  } = await request(
    "POST /app/installations/{installation_id}/access_tokens",
    payload
  );
  const permissions = permissionsOptional || {};
  const repositorySelection = repositorySelectionOptional || "all";
  const repositoryIds = repositories ? repositories.map((r) => r.id) : void 0;
  const repositoryNames = repositories ? repositories.map((repo) => repo.name) : void 0;
  const createdAt = (/* @__PURE__ */ new Date()).toISOString();
  const cacheOptions = {
    token,
    createdAt,
    expiresAt,
    repositorySelection,
    permissions,
    repositoryIds,
    repositoryNames
  };
  if (singleFileName) {
    Object.assign(payload, { singleFileName });
  }
  await set(state.cache, options, cacheOptions);
  const cacheData = {
    installationId: options.installationId,
    token,
    createdAt,
    expiresAt,
    repositorySelection,
    permissions,
    repositoryIds,
    repositoryNames
  };
  if (singleFileName) {
    Object.assign(cacheData, { singleFileName });
  }
  return toTokenAuthentication(cacheData);
}

// pkg/dist-src/auth.js
async function dist_node_auth(state, authOptions) {
  switch (authOptions.type) {
    case "app":
      return getAppAuthentication(state);
    case "oauth-app":
      return state.oauthApp({ type: "oauth-app" });
    case "installation":
      authOptions;
      return getInstallationAuthentication(state, {
        ...authOptions,
        type: "installation"
      });
    case "oauth-user":
      return state.oauthApp(authOptions);
    default:
      throw new Error(`Invalid auth type: ${authOptions.type}`);
  }
}

// pkg/dist-src/hook.js



// pkg/dist-src/requires-app-auth.js
var PATHS = [
  "/app",
  "/app/hook/config",
  "/app/hook/deliveries",
  "/app/hook/deliveries/{delivery_id}",
  "/app/hook/deliveries/{delivery_id}/attempts",
  "/app/installations",
  "/app/installations/{installation_id}",
  "/app/installations/{installation_id}/access_tokens",
  "/app/installations/{installation_id}/suspended",
  "/app/installation-requests",
  "/marketplace_listing/accounts/{account_id}",
  "/marketplace_listing/plan",
  "/marketplace_listing/plans",
  "/marketplace_listing/plans/{plan_id}/accounts",
  "/marketplace_listing/stubbed/accounts/{account_id}",
  "/marketplace_listing/stubbed/plan",
  "/marketplace_listing/stubbed/plans",
  "/marketplace_listing/stubbed/plans/{plan_id}/accounts",
  "/orgs/{org}/installation",
  "/repos/{owner}/{repo}/installation",
  "/users/{username}/installation",
  "/enterprises/{enterprise}/installation"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (p) => p.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})$`;
  return new RegExp(regex, "i");
}
var REGEX = routeMatcher(PATHS);
function requiresAppAuth(url) {
  return !!url && REGEX.test(url.split("?")[0]);
}

// pkg/dist-src/hook.js
var FIVE_SECONDS_IN_MS = 5 * 1e3;
function isNotTimeSkewError(error) {
  return !(error.message.match(
    /'Expiration time' claim \('exp'\) is too far in the future/
  ) || error.message.match(
    /'Expiration time' claim \('exp'\) must be a numeric value representing the future time at which the assertion expires/
  ) || error.message.match(
    /'Issued at' claim \('iat'\) must be an Integer representing the time that the assertion was issued/
  ));
}
async function dist_node_hook(state, request, route, parameters) {
  const endpoint = request.endpoint.merge(route, parameters);
  const url = endpoint.url;
  if (/\/login\/oauth\/access_token$/.test(url)) {
    return request(endpoint);
  }
  if (requiresAppAuth(url.replace(request.endpoint.DEFAULTS.baseUrl, ""))) {
    const { token: token2 } = await getAppAuthentication(state);
    endpoint.headers.authorization = `bearer ${token2}`;
    let response;
    try {
      response = await request(endpoint);
    } catch (error) {
      if (isNotTimeSkewError(error)) {
        throw error;
      }
      if (typeof error.response.headers.date === "undefined") {
        throw error;
      }
      const diff = Math.floor(
        (Date.parse(error.response.headers.date) - Date.parse((/* @__PURE__ */ new Date()).toString())) / 1e3
      );
      state.log.warn(error.message);
      state.log.warn(
        `[@octokit/auth-app] GitHub API time and system time are different by ${diff} seconds. Retrying request with the difference accounted for.`
      );
      const { token: token3 } = await getAppAuthentication({
        ...state,
        timeDifference: diff
      });
      endpoint.headers.authorization = `bearer ${token3}`;
      return request(endpoint);
    }
    return response;
  }
  if (requiresBasicAuth(url)) {
    const authentication = await state.oauthApp({ type: "oauth-app" });
    endpoint.headers.authorization = authentication.headers.authorization;
    return request(endpoint);
  }
  const { token, createdAt } = await getInstallationAuthentication(
    state,
    // @ts-expect-error TBD
    {},
    request.defaults({ baseUrl: endpoint.baseUrl })
  );
  endpoint.headers.authorization = `token ${token}`;
  return sendRequestWithRetries(
    state,
    request,
    endpoint,
    createdAt
  );
}
async function sendRequestWithRetries(state, request, options, createdAt, retries = 0) {
  const timeSinceTokenCreationInMs = +/* @__PURE__ */ new Date() - +new Date(createdAt);
  try {
    return await request(options);
  } catch (error) {
    if (error.status !== 401) {
      throw error;
    }
    if (timeSinceTokenCreationInMs >= FIVE_SECONDS_IN_MS) {
      if (retries > 0) {
        error.message = `After ${retries} retries within ${timeSinceTokenCreationInMs / 1e3}s of creating the installation access token, the response remains 401. At this point, the cause may be an authentication problem or a system outage. Please check https://www.githubstatus.com for status information`;
      }
      throw error;
    }
    ++retries;
    const awaitTime = retries * 1e3;
    state.log.warn(
      `[@octokit/auth-app] Retrying after 401 response to account for token replication delay (retry: ${retries}, wait: ${awaitTime / 1e3}s)`
    );
    await new Promise((resolve) => setTimeout(resolve, awaitTime));
    return sendRequestWithRetries(state, request, options, createdAt, retries);
  }
}

// pkg/dist-src/version.js
var dist_node_VERSION = "8.3.1";

// pkg/dist-src/index.js

function createAppAuth(options) {
  if (!options.appId) {
    throw new Error("[@octokit/auth-app] appId option is required");
  }
  if (!options.privateKey && !options.createJwt) {
    throw new Error("[@octokit/auth-app] privateKey option is required");
  } else if (options.privateKey && options.createJwt) {
    throw new Error(
      "[@octokit/auth-app] privateKey and createJwt options are mutually exclusive"
    );
  }
  if ("installationId" in options && !options.installationId) {
    throw new Error(
      "[@octokit/auth-app] installationId is set to a falsy value"
    );
  }
  const log = options.log || {};
  if (typeof log.warn !== "function") {
    log.warn = console.warn.bind(console);
  }
  const request = options.request || dist_bundle_request.defaults({
    headers: {
      "user-agent": `octokit-auth-app.js/${dist_node_VERSION} ${getUserAgent()}`
    }
  });
  const state = Object.assign(
    {
      request,
      cache: getCache()
    },
    options,
    options.installationId ? { installationId: Number(options.installationId) } : {},
    {
      log,
      oauthApp: createOAuthAppAuth({
        clientType: "github-app",
        clientId: options.clientId || "",
        clientSecret: options.clientSecret || "",
        request
      })
    }
  );
  return Object.assign(dist_node_auth.bind(null, state), {
    hook: dist_node_hook.bind(null, state)
  });
}

/* v8 ignore next - permissions are optional per OpenAPI spec, but we think that is incorrect -- @preserve */
/* v8 ignore next - repositorySelection are optional per OpenAPI spec, but we think that is incorrect -- @preserve */
/* v8 ignore start - due to skipped tests, see https://github.com/octokit/auth-app.js/pull/580 -- @preserve */
/* v8 ignore end -- @preserve */

// EXTERNAL MODULE: ../../node_modules/.pnpm/bottleneck@2.19.5/node_modules/bottleneck/light.js
var light = __nccwpck_require__(660);
var light_default = /*#__PURE__*/__nccwpck_require__.n(light);
;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+plugin-retry@8.1.1_@octokit+core@7.0.8/node_modules/@octokit/plugin-retry/dist-bundle/index.js
// pkg/dist-src/version.js
var plugin_retry_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/error-request.js
function isRequestError(error) {
  return error.request !== void 0;
}
async function errorRequest(state, octokit, error, options) {
  if (!isRequestError(error) || !error?.request.request) {
    throw error;
  }
  if (error.status >= 400 && !state.doNotRetry.includes(error.status)) {
    const retries = options.request.retries != null ? options.request.retries : state.retries;
    const retryAfter = Math.pow((options.request.retryCount || 0) + 1, 2);
    throw octokit.retry.retryRequest(error, retries, retryAfter);
  }
  throw error;
}

// pkg/dist-src/wrap-request.js


async function wrapRequest(state, octokit, request, options) {
  const limiter = new light();
  limiter.on("failed", function(error, info) {
    const maxRetries = ~~error.request.request?.retries;
    const after = ~~error.request.request?.retryAfter;
    options.request.retryCount = info.retryCount + 1;
    if (maxRetries > info.retryCount) {
      return after * state.retryAfterBaseValue;
    }
  });
  return limiter.schedule(
    requestWithGraphqlErrorHandling.bind(null, state, octokit, request),
    options
  );
}
async function requestWithGraphqlErrorHandling(state, octokit, request, options) {
  const response = await request(options);
  if (response.data && response.data.errors && response.data.errors.length > 0 && /Something went wrong while executing your query/.test(
    response.data.errors[0].message
  )) {
    const error = new RequestError(response.data.errors[0].message, 500, {
      request: options,
      response
    });
    return errorRequest(state, octokit, error, options);
  }
  return response;
}

// pkg/dist-src/index.js
function retry(octokit, octokitOptions) {
  const state = Object.assign(
    {
      enabled: true,
      retryAfterBaseValue: 1e3,
      doNotRetry: [400, 401, 403, 404, 410, 422, 451],
      retries: 3
    },
    octokitOptions.retry
  );
  const retryPlugin = {
    retry: {
      retryRequest: (error, retries, retryAfter) => {
        error.request.request = Object.assign({}, error.request.request, {
          retries,
          retryAfter
        });
        return error;
      }
    }
  };
  if (state.enabled) {
    octokit.hook.error("request", errorRequest.bind(null, state, retryPlugin));
    octokit.hook.wrap("request", wrapRequest.bind(null, state, retryPlugin));
  }
  return retryPlugin;
}
retry.VERSION = plugin_retry_dist_bundle_VERSION;


;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+plugin-throttling@11.0.5_@octokit+core@7.0.8/node_modules/@octokit/plugin-throttling/dist-bundle/index.js
// pkg/dist-src/index.js


// pkg/dist-src/version.js
var plugin_throttling_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/wrap-request.js
var dist_bundle_noop = () => Promise.resolve();
function dist_bundle_wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, dist_bundle_noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, dist_bundle_noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, dist_bundle_noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}

// pkg/dist-src/generated/triggers-notification-paths.js
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];

// pkg/dist-src/route-matcher.js
function dist_bundle_routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}

// pkg/dist-src/index.js
var regex = dist_bundle_routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = light,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return dist_bundle_wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = plugin_throttling_dist_bundle_VERSION;
throttling.triggersNotification = triggersNotification;


;// CONCATENATED MODULE: ../../node_modules/.pnpm/before-after-hook@4.0.0/node_modules/before-after-hook/lib/register.js
// @ts-check

function register_register(state, name, method, options) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }

  if (!options) {
    options = {};
  }

  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name) => {
      return register_register.bind(null, state, name, callback, options);
    }, method)();
  }

  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options);
    }

    return state.registry[name].reduce((method, registered) => {
      return registered.hook.bind(null, method, options);
    }, method)();
  });
}

;// CONCATENATED MODULE: ../../node_modules/.pnpm/before-after-hook@4.0.0/node_modules/before-after-hook/lib/add.js
// @ts-check

function addHook(state, kind, name, hook) {
  const orig = hook;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }

  if (kind === "before") {
    hook = (method, options) => {
      return Promise.resolve()
        .then(orig.bind(null, options))
        .then(method.bind(null, options));
    };
  }

  if (kind === "after") {
    hook = (method, options) => {
      let result;
      return Promise.resolve()
        .then(method.bind(null, options))
        .then((result_) => {
          result = result_;
          return orig(result, options);
        })
        .then(() => {
          return result;
        });
    };
  }

  if (kind === "error") {
    hook = (method, options) => {
      return Promise.resolve()
        .then(method.bind(null, options))
        .catch((error) => {
          return orig(error, options);
        });
    };
  }

  state.registry[name].push({
    hook: hook,
    orig: orig,
  });
}

;// CONCATENATED MODULE: ../../node_modules/.pnpm/before-after-hook@4.0.0/node_modules/before-after-hook/lib/remove.js
// @ts-check

function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }

  const index = state.registry[name]
    .map((registered) => {
      return registered.orig;
    })
    .indexOf(method);

  if (index === -1) {
    return;
  }

  state.registry[name].splice(index, 1);
}

;// CONCATENATED MODULE: ../../node_modules/.pnpm/before-after-hook@4.0.0/node_modules/before-after-hook/index.js
// @ts-check





// bind with array of arguments: https://stackoverflow.com/a/21792913
const bind = Function.bind;
const bindable = bind.bind(bind);

function bindApi(hook, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    name ? [state, name] : [state]
  );
  hook.api = { remove: removeHookRef };
  hook.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = name ? [state, kind, name] : [state, kind];
    hook[kind] = hook.api[kind] = bindable(addHook, null).apply(null, args);
  });
}

function Singular() {
  const singularHookName = Symbol("Singular");
  const singularHookState = {
    registry: {},
  };
  const singularHook = register_register.bind(null, singularHookState, singularHookName);
  bindApi(singularHook, singularHookState, singularHookName);
  return singularHook;
}

function Collection() {
  const state = {
    registry: {},
  };

  const hook = register_register.bind(null, state);
  bindApi(hook, state);

  return hook;
}

/* harmony default export */ const before_after_hook = ({ Singular, Collection });

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+graphql@9.0.5/node_modules/@octokit/graphql/dist-bundle/index.js
// pkg/dist-src/index.js



// pkg/dist-src/version.js
var graphql_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/with-defaults.js


// pkg/dist-src/graphql.js


// pkg/dist-src/error.js
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request2, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request2;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};

// pkg/dist-src/graphql.js
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request2, query, options) {
  if (options) {
    if (typeof query === "string" && "query" in options) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request2.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request2(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}

// pkg/dist-src/with-defaults.js
function graphql_dist_bundle_withDefaults(request2, newDefaults) {
  const newRequest = request2.defaults(newDefaults);
  const newApi = (query, options) => {
    return graphql(newRequest, query, options);
  };
  return Object.assign(newApi, {
    defaults: graphql_dist_bundle_withDefaults.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}

// pkg/dist-src/index.js
var graphql2 = graphql_dist_bundle_withDefaults(dist_bundle_request, {
  headers: {
    "user-agent": `octokit-graphql.js/${graphql_dist_bundle_VERSION} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return graphql_dist_bundle_withDefaults(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}

/* v8 ignore if -- @preserve */

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+auth-token@6.0.0/node_modules/@octokit/auth-token/dist-bundle/index.js
// pkg/dist-src/is-jwt.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep}${b64url}${sep}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);

// pkg/dist-src/auth.js
async function auth_token_dist_bundle_auth(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}

// pkg/dist-src/with-authorization-prefix.js
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}

// pkg/dist-src/hook.js
async function auth_token_dist_bundle_hook(token, request, route, parameters) {
  const endpoint = request.endpoint.merge(
    route,
    parameters
  );
  endpoint.headers.authorization = withAuthorizationPrefix(token);
  return request(endpoint);
}

// pkg/dist-src/index.js
var createTokenAuth = function createTokenAuth2(token) {
  if (!token) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token = token.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth_token_dist_bundle_auth.bind(null, token), {
    hook: auth_token_dist_bundle_hook.bind(null, token)
  });
};


;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+core@7.0.8/node_modules/@octokit/core/dist-src/version.js
const version_VERSION = "7.0.8";


;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+core@7.0.8/node_modules/@octokit/core/dist-src/index.js






const dist_src_noop = () => {
};
const consoleWarn = console.warn.bind(console);
const consoleError = console.error.bind(console);
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = dist_src_noop;
  }
  if (typeof logger.info !== "function") {
    logger.info = dist_src_noop;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
const userAgentTrail = `octokit-core.js/${version_VERSION} ${getUserAgent()}`;
class Octokit {
  static VERSION = version_VERSION;
  static defaults(defaults) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options = args[0] || {};
        if (typeof defaults === "function") {
          super(defaults(options));
          return;
        }
        super(
          Object.assign(
            {},
            defaults,
            options,
            options.userAgent && defaults.userAgent ? {
              userAgent: `${options.userAgent} ${defaults.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options = {}) {
    const hook = new before_after_hook.Collection();
    const requestDefaults = {
      baseUrl: dist_bundle_request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options.userAgent ? `${options.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options.baseUrl) {
      requestDefaults.baseUrl = options.baseUrl;
    }
    if (options.previews) {
      requestDefaults.mediaType.previews = options.previews;
    }
    if (options.timeZone) {
      requestDefaults.headers["time-zone"] = options.timeZone;
    }
    this.request = dist_bundle_request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger(options.log);
    this.hook = hook;
    if (!options.authStrategy) {
      if (!options.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth = createTokenAuth(options.auth);
        hook.wrap("request", auth.hook);
        this.auth = auth;
      }
    } else {
      const { authStrategy, ...otherOptions } = options;
      const auth = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options.auth
        )
      );
      hook.wrap("request", auth.hook);
      this.auth = auth;
    }
    const classConstructor = this.constructor;
    for (let i = 0; i < classConstructor.plugins.length; ++i) {
      Object.assign(this, classConstructor.plugins[i](this, options));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
}


;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+plugin-request-log@6.0.0_@octokit+core@7.0.8/node_modules/@octokit/plugin-request-log/dist-src/version.js
const dist_src_version_VERSION = "6.0.0";


;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+plugin-request-log@6.0.0_@octokit+core@7.0.8/node_modules/@octokit/plugin-request-log/dist-src/index.js

function requestLog(octokit) {
  octokit.hook.wrap("request", (request, options) => {
    octokit.log.debug("request", options);
    const start = Date.now();
    const requestOptions = octokit.request.endpoint.parse(options);
    const path = requestOptions.url.replace(options.baseUrl, "");
    return request(options).then((response) => {
      const requestId = response.headers["x-github-request-id"];
      octokit.log.info(
        `${requestOptions.method} ${path} - ${response.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      return response;
    }).catch((error) => {
      const requestId = error.response?.headers["x-github-request-id"] || "UNKNOWN";
      octokit.log.error(
        `${requestOptions.method} ${path} - ${error.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      throw error;
    });
  });
}
requestLog.VERSION = dist_src_version_VERSION;


;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+plugin-paginate-rest@14.0.0_@octokit+core@7.0.8/node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
// pkg/dist-src/version.js
var plugin_paginate_rest_dist_bundle_VERSION = "0.0.0-development";

// pkg/dist-src/normalize-paginated-list-response.js
function normalizePaginatedListResponse(response) {
  if (!response.data) {
    return {
      ...response,
      data: []
    };
  }
  const responseNeedsNormalization = ("total_count" in response.data || "total_commits" in response.data) && !("url" in response.data);
  if (!responseNeedsNormalization) return response;
  const incompleteResults = response.data.incomplete_results;
  const repositorySelection = response.data.repository_selection;
  const totalCount = response.data.total_count;
  const totalCommits = response.data.total_commits;
  delete response.data.incomplete_results;
  delete response.data.repository_selection;
  delete response.data.total_count;
  delete response.data.total_commits;
  const namespaceKey = Object.keys(response.data)[0];
  const data = response.data[namespaceKey];
  response.data = data;
  if (typeof incompleteResults !== "undefined") {
    response.data.incomplete_results = incompleteResults;
  }
  if (typeof repositorySelection !== "undefined") {
    response.data.repository_selection = repositorySelection;
  }
  response.data.total_count = totalCount;
  response.data.total_commits = totalCommits;
  return response;
}

// pkg/dist-src/iterator.js
function iterator(octokit, route, parameters) {
  const options = typeof route === "function" ? route.endpoint(parameters) : octokit.request.endpoint(route, parameters);
  const requestMethod = typeof route === "function" ? route : octokit.request;
  const method = options.method;
  const headers = options.headers;
  let url = options.url;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        if (!url) return { done: true };
        try {
          const response = await requestMethod({ method, url, headers });
          const normalizedResponse = normalizePaginatedListResponse(response);
          url = ((normalizedResponse.headers.link || "").match(
            /<([^<>]+)>;\s*rel="next"/
          ) || [])[1];
          if (!url && "total_commits" in normalizedResponse.data) {
            const parsedUrl = new URL(normalizedResponse.url);
            const params = parsedUrl.searchParams;
            const page = parseInt(params.get("page") || "1", 10);
            const per_page = parseInt(params.get("per_page") || "250", 10);
            if (page * per_page < normalizedResponse.data.total_commits) {
              params.set("page", String(page + 1));
              url = parsedUrl.toString();
            }
          }
          return { value: normalizedResponse };
        } catch (error) {
          if (error.status !== 409) throw error;
          url = "";
          return {
            value: {
              status: 200,
              headers: {},
              data: []
            }
          };
        }
      }
    })
  };
}

// pkg/dist-src/paginate.js
function paginate(octokit, route, parameters, mapFn) {
  if (typeof parameters === "function") {
    mapFn = parameters;
    parameters = void 0;
  }
  return gather(
    octokit,
    [],
    iterator(octokit, route, parameters)[Symbol.asyncIterator](),
    mapFn
  );
}
function gather(octokit, results, iterator2, mapFn) {
  return iterator2.next().then((result) => {
    if (result.done) {
      return results;
    }
    let earlyExit = false;
    function done() {
      earlyExit = true;
    }
    results = results.concat(
      mapFn ? mapFn(result.value, done) : result.value.data
    );
    if (earlyExit) {
      return results;
    }
    return gather(octokit, results, iterator2, mapFn);
  });
}

// pkg/dist-src/compose-paginate.js
var composePaginateRest = Object.assign(paginate, {
  iterator
});

// pkg/dist-src/generated/paginating-endpoints.js
var paginatingEndpoints = (/* unused pure expression or super */ null && ([
  "GET /advisories",
  "GET /app/hook/deliveries",
  "GET /app/installation-requests",
  "GET /app/installations",
  "GET /assignments/{assignment_id}/accepted_assignments",
  "GET /classrooms",
  "GET /classrooms/{classroom_id}/assignments",
  "GET /enterprises/{enterprise}/code-security/configurations",
  "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}/repositories",
  "GET /enterprises/{enterprise}/dependabot/alerts",
  "GET /enterprises/{enterprise}/teams",
  "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships",
  "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations",
  "GET /events",
  "GET /gists",
  "GET /gists/public",
  "GET /gists/starred",
  "GET /gists/{gist_id}/comments",
  "GET /gists/{gist_id}/commits",
  "GET /gists/{gist_id}/forks",
  "GET /installation/repositories",
  "GET /issues",
  "GET /licenses",
  "GET /marketplace_listing/plans",
  "GET /marketplace_listing/plans/{plan_id}/accounts",
  "GET /marketplace_listing/stubbed/plans",
  "GET /marketplace_listing/stubbed/plans/{plan_id}/accounts",
  "GET /networks/{owner}/{repo}/events",
  "GET /notifications",
  "GET /organizations",
  "GET /organizations/{org}/dependabot/repository-access",
  "GET /orgs/{org}/actions/cache/usage-by-repository",
  "GET /orgs/{org}/actions/hosted-runners",
  "GET /orgs/{org}/actions/permissions/repositories",
  "GET /orgs/{org}/actions/permissions/self-hosted-runners/repositories",
  "GET /orgs/{org}/actions/runner-groups",
  "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners",
  "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories",
  "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/runners",
  "GET /orgs/{org}/actions/runners",
  "GET /orgs/{org}/actions/secrets",
  "GET /orgs/{org}/actions/secrets/{secret_name}/repositories",
  "GET /orgs/{org}/actions/variables",
  "GET /orgs/{org}/actions/variables/{name}/repositories",
  "GET /orgs/{org}/attestations/repositories",
  "GET /orgs/{org}/attestations/{subject_digest}",
  "GET /orgs/{org}/blocks",
  "GET /orgs/{org}/campaigns",
  "GET /orgs/{org}/code-scanning/alerts",
  "GET /orgs/{org}/code-security/configurations",
  "GET /orgs/{org}/code-security/configurations/{configuration_id}/repositories",
  "GET /orgs/{org}/codespaces",
  "GET /orgs/{org}/codespaces/secrets",
  "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories",
  "GET /orgs/{org}/copilot/billing/seats",
  "GET /orgs/{org}/copilot/metrics",
  "GET /orgs/{org}/dependabot/alerts",
  "GET /orgs/{org}/dependabot/secrets",
  "GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories",
  "GET /orgs/{org}/events",
  "GET /orgs/{org}/failed_invitations",
  "GET /orgs/{org}/hooks",
  "GET /orgs/{org}/hooks/{hook_id}/deliveries",
  "GET /orgs/{org}/insights/api/route-stats/{actor_type}/{actor_id}",
  "GET /orgs/{org}/insights/api/subject-stats",
  "GET /orgs/{org}/insights/api/user-stats/{user_id}",
  "GET /orgs/{org}/installations",
  "GET /orgs/{org}/invitations",
  "GET /orgs/{org}/invitations/{invitation_id}/teams",
  "GET /orgs/{org}/issues",
  "GET /orgs/{org}/members",
  "GET /orgs/{org}/members/{username}/codespaces",
  "GET /orgs/{org}/migrations",
  "GET /orgs/{org}/migrations/{migration_id}/repositories",
  "GET /orgs/{org}/organization-roles/{role_id}/teams",
  "GET /orgs/{org}/organization-roles/{role_id}/users",
  "GET /orgs/{org}/outside_collaborators",
  "GET /orgs/{org}/packages",
  "GET /orgs/{org}/packages/{package_type}/{package_name}/versions",
  "GET /orgs/{org}/personal-access-token-requests",
  "GET /orgs/{org}/personal-access-token-requests/{pat_request_id}/repositories",
  "GET /orgs/{org}/personal-access-tokens",
  "GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories",
  "GET /orgs/{org}/private-registries",
  "GET /orgs/{org}/projects",
  "GET /orgs/{org}/projectsV2",
  "GET /orgs/{org}/projectsV2/{project_number}/fields",
  "GET /orgs/{org}/projectsV2/{project_number}/items",
  "GET /orgs/{org}/properties/values",
  "GET /orgs/{org}/public_members",
  "GET /orgs/{org}/repos",
  "GET /orgs/{org}/rulesets",
  "GET /orgs/{org}/rulesets/rule-suites",
  "GET /orgs/{org}/rulesets/{ruleset_id}/history",
  "GET /orgs/{org}/secret-scanning/alerts",
  "GET /orgs/{org}/security-advisories",
  "GET /orgs/{org}/settings/immutable-releases/repositories",
  "GET /orgs/{org}/settings/network-configurations",
  "GET /orgs/{org}/team/{team_slug}/copilot/metrics",
  "GET /orgs/{org}/teams",
  "GET /orgs/{org}/teams/{team_slug}/discussions",
  "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions",
  "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions",
  "GET /orgs/{org}/teams/{team_slug}/invitations",
  "GET /orgs/{org}/teams/{team_slug}/members",
  "GET /orgs/{org}/teams/{team_slug}/projects",
  "GET /orgs/{org}/teams/{team_slug}/repos",
  "GET /orgs/{org}/teams/{team_slug}/teams",
  "GET /projects/{project_id}/collaborators",
  "GET /repos/{owner}/{repo}/actions/artifacts",
  "GET /repos/{owner}/{repo}/actions/caches",
  "GET /repos/{owner}/{repo}/actions/organization-secrets",
  "GET /repos/{owner}/{repo}/actions/organization-variables",
  "GET /repos/{owner}/{repo}/actions/runners",
  "GET /repos/{owner}/{repo}/actions/runs",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
  "GET /repos/{owner}/{repo}/actions/secrets",
  "GET /repos/{owner}/{repo}/actions/variables",
  "GET /repos/{owner}/{repo}/actions/workflows",
  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
  "GET /repos/{owner}/{repo}/activity",
  "GET /repos/{owner}/{repo}/assignees",
  "GET /repos/{owner}/{repo}/attestations/{subject_digest}",
  "GET /repos/{owner}/{repo}/branches",
  "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations",
  "GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs",
  "GET /repos/{owner}/{repo}/code-scanning/alerts",
  "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances",
  "GET /repos/{owner}/{repo}/code-scanning/analyses",
  "GET /repos/{owner}/{repo}/codespaces",
  "GET /repos/{owner}/{repo}/codespaces/devcontainers",
  "GET /repos/{owner}/{repo}/codespaces/secrets",
  "GET /repos/{owner}/{repo}/collaborators",
  "GET /repos/{owner}/{repo}/comments",
  "GET /repos/{owner}/{repo}/comments/{comment_id}/reactions",
  "GET /repos/{owner}/{repo}/commits",
  "GET /repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls",
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
  "GET /repos/{owner}/{repo}/commits/{ref}/check-suites",
  "GET /repos/{owner}/{repo}/commits/{ref}/status",
  "GET /repos/{owner}/{repo}/commits/{ref}/statuses",
  "GET /repos/{owner}/{repo}/compare/{basehead}",
  "GET /repos/{owner}/{repo}/compare/{base}...{head}",
  "GET /repos/{owner}/{repo}/contributors",
  "GET /repos/{owner}/{repo}/dependabot/alerts",
  "GET /repos/{owner}/{repo}/dependabot/secrets",
  "GET /repos/{owner}/{repo}/deployments",
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
  "GET /repos/{owner}/{repo}/environments",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/apps",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets",
  "GET /repos/{owner}/{repo}/environments/{environment_name}/variables",
  "GET /repos/{owner}/{repo}/events",
  "GET /repos/{owner}/{repo}/forks",
  "GET /repos/{owner}/{repo}/hooks",
  "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries",
  "GET /repos/{owner}/{repo}/invitations",
  "GET /repos/{owner}/{repo}/issues",
  "GET /repos/{owner}/{repo}/issues/comments",
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
  "GET /repos/{owner}/{repo}/issues/events",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/events",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/labels",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/reactions",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline",
  "GET /repos/{owner}/{repo}/keys",
  "GET /repos/{owner}/{repo}/labels",
  "GET /repos/{owner}/{repo}/milestones",
  "GET /repos/{owner}/{repo}/milestones/{milestone_number}/labels",
  "GET /repos/{owner}/{repo}/notifications",
  "GET /repos/{owner}/{repo}/pages/builds",
  "GET /repos/{owner}/{repo}/projects",
  "GET /repos/{owner}/{repo}/pulls",
  "GET /repos/{owner}/{repo}/pulls/comments",
  "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments",
  "GET /repos/{owner}/{repo}/releases",
  "GET /repos/{owner}/{repo}/releases/{release_id}/assets",
  "GET /repos/{owner}/{repo}/releases/{release_id}/reactions",
  "GET /repos/{owner}/{repo}/rules/branches/{branch}",
  "GET /repos/{owner}/{repo}/rulesets",
  "GET /repos/{owner}/{repo}/rulesets/rule-suites",
  "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history",
  "GET /repos/{owner}/{repo}/secret-scanning/alerts",
  "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations",
  "GET /repos/{owner}/{repo}/security-advisories",
  "GET /repos/{owner}/{repo}/stargazers",
  "GET /repos/{owner}/{repo}/subscribers",
  "GET /repos/{owner}/{repo}/tags",
  "GET /repos/{owner}/{repo}/teams",
  "GET /repos/{owner}/{repo}/topics",
  "GET /repositories",
  "GET /search/code",
  "GET /search/commits",
  "GET /search/issues",
  "GET /search/labels",
  "GET /search/repositories",
  "GET /search/topics",
  "GET /search/users",
  "GET /teams/{team_id}/discussions",
  "GET /teams/{team_id}/discussions/{discussion_number}/comments",
  "GET /teams/{team_id}/discussions/{discussion_number}/comments/{comment_number}/reactions",
  "GET /teams/{team_id}/discussions/{discussion_number}/reactions",
  "GET /teams/{team_id}/invitations",
  "GET /teams/{team_id}/members",
  "GET /teams/{team_id}/projects",
  "GET /teams/{team_id}/repos",
  "GET /teams/{team_id}/teams",
  "GET /user/blocks",
  "GET /user/codespaces",
  "GET /user/codespaces/secrets",
  "GET /user/emails",
  "GET /user/followers",
  "GET /user/following",
  "GET /user/gpg_keys",
  "GET /user/installations",
  "GET /user/installations/{installation_id}/repositories",
  "GET /user/issues",
  "GET /user/keys",
  "GET /user/marketplace_purchases",
  "GET /user/marketplace_purchases/stubbed",
  "GET /user/memberships/orgs",
  "GET /user/migrations",
  "GET /user/migrations/{migration_id}/repositories",
  "GET /user/orgs",
  "GET /user/packages",
  "GET /user/packages/{package_type}/{package_name}/versions",
  "GET /user/public_emails",
  "GET /user/repos",
  "GET /user/repository_invitations",
  "GET /user/social_accounts",
  "GET /user/ssh_signing_keys",
  "GET /user/starred",
  "GET /user/subscriptions",
  "GET /user/teams",
  "GET /users",
  "GET /users/{username}/attestations/{subject_digest}",
  "GET /users/{username}/events",
  "GET /users/{username}/events/orgs/{org}",
  "GET /users/{username}/events/public",
  "GET /users/{username}/followers",
  "GET /users/{username}/following",
  "GET /users/{username}/gists",
  "GET /users/{username}/gpg_keys",
  "GET /users/{username}/keys",
  "GET /users/{username}/orgs",
  "GET /users/{username}/packages",
  "GET /users/{username}/projects",
  "GET /users/{username}/projectsV2",
  "GET /users/{username}/projectsV2/{project_number}/fields",
  "GET /users/{username}/projectsV2/{project_number}/items",
  "GET /users/{username}/received_events",
  "GET /users/{username}/received_events/public",
  "GET /users/{username}/repos",
  "GET /users/{username}/social_accounts",
  "GET /users/{username}/ssh_signing_keys",
  "GET /users/{username}/starred",
  "GET /users/{username}/subscriptions"
]));

// pkg/dist-src/paginating-endpoints.js
function isPaginatingEndpoint(arg) {
  if (typeof arg === "string") {
    return paginatingEndpoints.includes(arg);
  } else {
    return false;
  }
}

// pkg/dist-src/index.js
function paginateRest(octokit) {
  return {
    paginate: Object.assign(paginate.bind(null, octokit), {
      iterator: iterator.bind(null, octokit)
    })
  };
}
paginateRest.VERSION = plugin_paginate_rest_dist_bundle_VERSION;


;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+plugin-rest-endpoint-methods@17.0.0_@octokit+core@7.0.8/node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/version.js
const plugin_rest_endpoint_methods_dist_src_version_VERSION = "17.0.0";

//# sourceMappingURL=version.js.map

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+plugin-rest-endpoint-methods@17.0.0_@octokit+core@7.0.8/node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/generated/endpoints.js
const Endpoints = {
  actions: {
    addCustomLabelsToSelfHostedRunnerForOrg: [
      "POST /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    addCustomLabelsToSelfHostedRunnerForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    addRepoAccessToSelfHostedRunnerGroupInOrg: [
      "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    approveWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/approve"
    ],
    cancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel"
    ],
    createEnvironmentVariable: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    createHostedRunnerForOrg: ["POST /orgs/{org}/actions/hosted-runners"],
    createOrUpdateEnvironmentSecret: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    createOrUpdateOrgSecret: ["PUT /orgs/{org}/actions/secrets/{secret_name}"],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    createOrgVariable: ["POST /orgs/{org}/actions/variables"],
    createRegistrationTokenForOrg: [
      "POST /orgs/{org}/actions/runners/registration-token"
    ],
    createRegistrationTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/registration-token"
    ],
    createRemoveTokenForOrg: ["POST /orgs/{org}/actions/runners/remove-token"],
    createRemoveTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/remove-token"
    ],
    createRepoVariable: ["POST /repos/{owner}/{repo}/actions/variables"],
    createWorkflowDispatch: [
      "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"
    ],
    deleteActionsCacheById: [
      "DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"
    ],
    deleteActionsCacheByKey: [
      "DELETE /repos/{owner}/{repo}/actions/caches{?key,ref}"
    ],
    deleteArtifact: [
      "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"
    ],
    deleteCustomImageFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    deleteCustomImageVersionFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    deleteEnvironmentSecret: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    deleteEnvironmentVariable: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    deleteHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/actions/secrets/{secret_name}"],
    deleteOrgVariable: ["DELETE /orgs/{org}/actions/variables/{name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    deleteRepoVariable: [
      "DELETE /repos/{owner}/{repo}/actions/variables/{name}"
    ],
    deleteSelfHostedRunnerFromOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}"
    ],
    deleteSelfHostedRunnerFromRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    deleteWorkflowRun: ["DELETE /repos/{owner}/{repo}/actions/runs/{run_id}"],
    deleteWorkflowRunLogs: [
      "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    disableSelectedRepositoryGithubActionsOrganization: [
      "DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    disableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable"
    ],
    downloadArtifact: [
      "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}"
    ],
    downloadJobLogsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs"
    ],
    downloadWorkflowRunAttemptLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs"
    ],
    downloadWorkflowRunLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    enableSelectedRepositoryGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    enableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable"
    ],
    forceCancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel"
    ],
    generateRunnerJitconfigForOrg: [
      "POST /orgs/{org}/actions/runners/generate-jitconfig"
    ],
    generateRunnerJitconfigForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig"
    ],
    getActionsCacheList: ["GET /repos/{owner}/{repo}/actions/caches"],
    getActionsCacheUsage: ["GET /repos/{owner}/{repo}/actions/cache/usage"],
    getActionsCacheUsageByRepoForOrg: [
      "GET /orgs/{org}/actions/cache/usage-by-repository"
    ],
    getActionsCacheUsageForOrg: ["GET /orgs/{org}/actions/cache/usage"],
    getAllowedActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/selected-actions"
    ],
    getAllowedActionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    getArtifact: ["GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"],
    getCustomImageForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    getCustomImageVersionForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    getCustomOidcSubClaimForRepo: [
      "GET /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    getEnvironmentPublicKey: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key"
    ],
    getEnvironmentSecret: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    getEnvironmentVariable: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    getGithubActionsDefaultWorkflowPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions/workflow"
    ],
    getGithubActionsDefaultWorkflowPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    getGithubActionsPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions"
    ],
    getGithubActionsPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions"
    ],
    getHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    getHostedRunnersGithubOwnedImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/github-owned"
    ],
    getHostedRunnersLimitsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/limits"
    ],
    getHostedRunnersMachineSpecsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/machine-sizes"
    ],
    getHostedRunnersPartnerImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/partner"
    ],
    getHostedRunnersPlatformsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/platforms"
    ],
    getJobForWorkflowRun: ["GET /repos/{owner}/{repo}/actions/jobs/{job_id}"],
    getOrgPublicKey: ["GET /orgs/{org}/actions/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/actions/secrets/{secret_name}"],
    getOrgVariable: ["GET /orgs/{org}/actions/variables/{name}"],
    getPendingDeploymentsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    getRepoPermissions: [
      "GET /repos/{owner}/{repo}/actions/permissions",
      {},
      { renamed: ["actions", "getGithubActionsPermissionsRepository"] }
    ],
    getRepoPublicKey: ["GET /repos/{owner}/{repo}/actions/secrets/public-key"],
    getRepoSecret: ["GET /repos/{owner}/{repo}/actions/secrets/{secret_name}"],
    getRepoVariable: ["GET /repos/{owner}/{repo}/actions/variables/{name}"],
    getReviewsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals"
    ],
    getSelfHostedRunnerForOrg: ["GET /orgs/{org}/actions/runners/{runner_id}"],
    getSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    getWorkflow: ["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}"],
    getWorkflowAccessToRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/access"
    ],
    getWorkflowRun: ["GET /repos/{owner}/{repo}/actions/runs/{run_id}"],
    getWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}"
    ],
    getWorkflowRunUsage: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing"
    ],
    getWorkflowUsage: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing"
    ],
    listArtifactsForRepo: ["GET /repos/{owner}/{repo}/actions/artifacts"],
    listCustomImageVersionsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions"
    ],
    listCustomImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom"
    ],
    listEnvironmentSecrets: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets"
    ],
    listEnvironmentVariables: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    listGithubHostedRunnersInGroupForOrg: [
      "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners"
    ],
    listHostedRunnersForOrg: ["GET /orgs/{org}/actions/hosted-runners"],
    listJobsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs"
    ],
    listJobsForWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs"
    ],
    listLabelsForSelfHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    listLabelsForSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    listOrgSecrets: ["GET /orgs/{org}/actions/secrets"],
    listOrgVariables: ["GET /orgs/{org}/actions/variables"],
    listRepoOrganizationSecrets: [
      "GET /repos/{owner}/{repo}/actions/organization-secrets"
    ],
    listRepoOrganizationVariables: [
      "GET /repos/{owner}/{repo}/actions/organization-variables"
    ],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/actions/secrets"],
    listRepoVariables: ["GET /repos/{owner}/{repo}/actions/variables"],
    listRepoWorkflows: ["GET /repos/{owner}/{repo}/actions/workflows"],
    listRunnerApplicationsForOrg: ["GET /orgs/{org}/actions/runners/downloads"],
    listRunnerApplicationsForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/downloads"
    ],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    listSelectedReposForOrgVariable: [
      "GET /orgs/{org}/actions/variables/{name}/repositories"
    ],
    listSelectedRepositoriesEnabledGithubActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/repositories"
    ],
    listSelfHostedRunnersForOrg: ["GET /orgs/{org}/actions/runners"],
    listSelfHostedRunnersForRepo: ["GET /repos/{owner}/{repo}/actions/runners"],
    listWorkflowRunArtifacts: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts"
    ],
    listWorkflowRuns: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs"
    ],
    listWorkflowRunsForRepo: ["GET /repos/{owner}/{repo}/actions/runs"],
    reRunJobForWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun"
    ],
    reRunWorkflow: ["POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun"],
    reRunWorkflowFailedJobs: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    removeCustomLabelFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeCustomLabelFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgVariable: [
      "DELETE /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    reviewCustomGatesForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule"
    ],
    reviewPendingDeploymentsForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    setAllowedActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/selected-actions"
    ],
    setAllowedActionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    setCustomLabelsForSelfHostedRunnerForOrg: [
      "PUT /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    setCustomLabelsForSelfHostedRunnerForRepo: [
      "PUT /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    setCustomOidcSubClaimForRepo: [
      "PUT /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    setGithubActionsDefaultWorkflowPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/workflow"
    ],
    setGithubActionsDefaultWorkflowPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    setGithubActionsPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions"
    ],
    setGithubActionsPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories"
    ],
    setSelectedRepositoriesEnabledGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories"
    ],
    setWorkflowAccessToRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/access"
    ],
    updateEnvironmentVariable: [
      "PATCH /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    updateHostedRunnerForOrg: [
      "PATCH /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    updateOrgVariable: ["PATCH /orgs/{org}/actions/variables/{name}"],
    updateRepoVariable: [
      "PATCH /repos/{owner}/{repo}/actions/variables/{name}"
    ]
  },
  activity: {
    checkRepoIsStarredByAuthenticatedUser: ["GET /user/starred/{owner}/{repo}"],
    deleteRepoSubscription: ["DELETE /repos/{owner}/{repo}/subscription"],
    deleteThreadSubscription: [
      "DELETE /notifications/threads/{thread_id}/subscription"
    ],
    getFeeds: ["GET /feeds"],
    getRepoSubscription: ["GET /repos/{owner}/{repo}/subscription"],
    getThread: ["GET /notifications/threads/{thread_id}"],
    getThreadSubscriptionForAuthenticatedUser: [
      "GET /notifications/threads/{thread_id}/subscription"
    ],
    listEventsForAuthenticatedUser: ["GET /users/{username}/events"],
    listNotificationsForAuthenticatedUser: ["GET /notifications"],
    listOrgEventsForAuthenticatedUser: [
      "GET /users/{username}/events/orgs/{org}"
    ],
    listPublicEvents: ["GET /events"],
    listPublicEventsForRepoNetwork: ["GET /networks/{owner}/{repo}/events"],
    listPublicEventsForUser: ["GET /users/{username}/events/public"],
    listPublicOrgEvents: ["GET /orgs/{org}/events"],
    listReceivedEventsForUser: ["GET /users/{username}/received_events"],
    listReceivedPublicEventsForUser: [
      "GET /users/{username}/received_events/public"
    ],
    listRepoEvents: ["GET /repos/{owner}/{repo}/events"],
    listRepoNotificationsForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/notifications"
    ],
    listReposStarredByAuthenticatedUser: ["GET /user/starred"],
    listReposStarredByUser: ["GET /users/{username}/starred"],
    listReposWatchedByUser: ["GET /users/{username}/subscriptions"],
    listStargazersForRepo: ["GET /repos/{owner}/{repo}/stargazers"],
    listWatchedReposForAuthenticatedUser: ["GET /user/subscriptions"],
    listWatchersForRepo: ["GET /repos/{owner}/{repo}/subscribers"],
    markNotificationsAsRead: ["PUT /notifications"],
    markRepoNotificationsAsRead: ["PUT /repos/{owner}/{repo}/notifications"],
    markThreadAsDone: ["DELETE /notifications/threads/{thread_id}"],
    markThreadAsRead: ["PATCH /notifications/threads/{thread_id}"],
    setRepoSubscription: ["PUT /repos/{owner}/{repo}/subscription"],
    setThreadSubscription: [
      "PUT /notifications/threads/{thread_id}/subscription"
    ],
    starRepoForAuthenticatedUser: ["PUT /user/starred/{owner}/{repo}"],
    unstarRepoForAuthenticatedUser: ["DELETE /user/starred/{owner}/{repo}"]
  },
  apps: {
    addRepoToInstallation: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "addRepoToInstallationForAuthenticatedUser"] }
    ],
    addRepoToInstallationForAuthenticatedUser: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    checkToken: ["POST /applications/{client_id}/token"],
    createFromManifest: ["POST /app-manifests/{code}/conversions"],
    createInstallationAccessToken: [
      "POST /app/installations/{installation_id}/access_tokens"
    ],
    deleteAuthorization: ["DELETE /applications/{client_id}/grant"],
    deleteInstallation: ["DELETE /app/installations/{installation_id}"],
    deleteToken: ["DELETE /applications/{client_id}/token"],
    getAuthenticated: ["GET /app"],
    getBySlug: ["GET /apps/{app_slug}"],
    getInstallation: ["GET /app/installations/{installation_id}"],
    getOrgInstallation: ["GET /orgs/{org}/installation"],
    getRepoInstallation: ["GET /repos/{owner}/{repo}/installation"],
    getSubscriptionPlanForAccount: [
      "GET /marketplace_listing/accounts/{account_id}"
    ],
    getSubscriptionPlanForAccountStubbed: [
      "GET /marketplace_listing/stubbed/accounts/{account_id}"
    ],
    getUserInstallation: ["GET /users/{username}/installation"],
    getWebhookConfigForApp: ["GET /app/hook/config"],
    getWebhookDelivery: ["GET /app/hook/deliveries/{delivery_id}"],
    listAccountsForPlan: ["GET /marketplace_listing/plans/{plan_id}/accounts"],
    listAccountsForPlanStubbed: [
      "GET /marketplace_listing/stubbed/plans/{plan_id}/accounts"
    ],
    listInstallationReposForAuthenticatedUser: [
      "GET /user/installations/{installation_id}/repositories"
    ],
    listInstallationRequestsForAuthenticatedApp: [
      "GET /app/installation-requests"
    ],
    listInstallations: ["GET /app/installations"],
    listInstallationsForAuthenticatedUser: ["GET /user/installations"],
    listPlans: ["GET /marketplace_listing/plans"],
    listPlansStubbed: ["GET /marketplace_listing/stubbed/plans"],
    listReposAccessibleToInstallation: ["GET /installation/repositories"],
    listSubscriptionsForAuthenticatedUser: ["GET /user/marketplace_purchases"],
    listSubscriptionsForAuthenticatedUserStubbed: [
      "GET /user/marketplace_purchases/stubbed"
    ],
    listWebhookDeliveries: ["GET /app/hook/deliveries"],
    redeliverWebhookDelivery: [
      "POST /app/hook/deliveries/{delivery_id}/attempts"
    ],
    removeRepoFromInstallation: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "removeRepoFromInstallationForAuthenticatedUser"] }
    ],
    removeRepoFromInstallationForAuthenticatedUser: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    resetToken: ["PATCH /applications/{client_id}/token"],
    revokeInstallationAccessToken: ["DELETE /installation/token"],
    scopeToken: ["POST /applications/{client_id}/token/scoped"],
    suspendInstallation: ["PUT /app/installations/{installation_id}/suspended"],
    unsuspendInstallation: [
      "DELETE /app/installations/{installation_id}/suspended"
    ],
    updateWebhookConfigForApp: ["PATCH /app/hook/config"]
  },
  billing: {
    getGithubActionsBillingOrg: ["GET /orgs/{org}/settings/billing/actions"],
    getGithubActionsBillingUser: [
      "GET /users/{username}/settings/billing/actions"
    ],
    getGithubBillingPremiumRequestUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/premium_request/usage"
    ],
    getGithubBillingPremiumRequestUsageReportUser: [
      "GET /users/{username}/settings/billing/premium_request/usage"
    ],
    getGithubBillingUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/usage"
    ],
    getGithubBillingUsageReportUser: [
      "GET /users/{username}/settings/billing/usage"
    ],
    getGithubPackagesBillingOrg: ["GET /orgs/{org}/settings/billing/packages"],
    getGithubPackagesBillingUser: [
      "GET /users/{username}/settings/billing/packages"
    ],
    getSharedStorageBillingOrg: [
      "GET /orgs/{org}/settings/billing/shared-storage"
    ],
    getSharedStorageBillingUser: [
      "GET /users/{username}/settings/billing/shared-storage"
    ]
  },
  campaigns: {
    createCampaign: ["POST /orgs/{org}/campaigns"],
    deleteCampaign: ["DELETE /orgs/{org}/campaigns/{campaign_number}"],
    getCampaignSummary: ["GET /orgs/{org}/campaigns/{campaign_number}"],
    listOrgCampaigns: ["GET /orgs/{org}/campaigns"],
    updateCampaign: ["PATCH /orgs/{org}/campaigns/{campaign_number}"]
  },
  checks: {
    create: ["POST /repos/{owner}/{repo}/check-runs"],
    createSuite: ["POST /repos/{owner}/{repo}/check-suites"],
    get: ["GET /repos/{owner}/{repo}/check-runs/{check_run_id}"],
    getSuite: ["GET /repos/{owner}/{repo}/check-suites/{check_suite_id}"],
    listAnnotations: [
      "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations"
    ],
    listForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-runs"],
    listForSuite: [
      "GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs"
    ],
    listSuitesForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-suites"],
    rerequestRun: [
      "POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest"
    ],
    rerequestSuite: [
      "POST /repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest"
    ],
    setSuitesPreferences: [
      "PATCH /repos/{owner}/{repo}/check-suites/preferences"
    ],
    update: ["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]
  },
  codeScanning: {
    commitAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix/commits"
    ],
    createAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    createVariantAnalysis: [
      "POST /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses"
    ],
    deleteAnalysis: [
      "DELETE /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}{?confirm_delete}"
    ],
    deleteCodeqlDatabase: [
      "DELETE /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}",
      {},
      { renamedParameters: { alert_id: "alert_number" } }
    ],
    getAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}"
    ],
    getAutofix: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    getCodeqlDatabase: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getDefaultSetup: ["GET /repos/{owner}/{repo}/code-scanning/default-setup"],
    getSarif: ["GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}"],
    getVariantAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}"
    ],
    getVariantAnalysisRepoTask: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}/repos/{repo_owner}/{repo_name}"
    ],
    listAlertInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/code-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/code-scanning/alerts"],
    listAlertsInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances",
      {},
      { renamed: ["codeScanning", "listAlertInstances"] }
    ],
    listCodeqlDatabases: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases"
    ],
    listRecentAnalyses: ["GET /repos/{owner}/{repo}/code-scanning/analyses"],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}"
    ],
    updateDefaultSetup: [
      "PATCH /repos/{owner}/{repo}/code-scanning/default-setup"
    ],
    uploadSarif: ["POST /repos/{owner}/{repo}/code-scanning/sarifs"]
  },
  codeSecurity: {
    attachConfiguration: [
      "POST /orgs/{org}/code-security/configurations/{configuration_id}/attach"
    ],
    attachEnterpriseConfiguration: [
      "POST /enterprises/{enterprise}/code-security/configurations/{configuration_id}/attach"
    ],
    createConfiguration: ["POST /orgs/{org}/code-security/configurations"],
    createConfigurationForEnterprise: [
      "POST /enterprises/{enterprise}/code-security/configurations"
    ],
    deleteConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    deleteConfigurationForEnterprise: [
      "DELETE /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    detachConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/detach"
    ],
    getConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    getConfigurationForRepository: [
      "GET /repos/{owner}/{repo}/code-security-configuration"
    ],
    getConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations"
    ],
    getConfigurationsForOrg: ["GET /orgs/{org}/code-security/configurations"],
    getDefaultConfigurations: [
      "GET /orgs/{org}/code-security/configurations/defaults"
    ],
    getDefaultConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/defaults"
    ],
    getRepositoriesForConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}/repositories"
    ],
    getRepositoriesForEnterpriseConfiguration: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}/repositories"
    ],
    getSingleConfigurationForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    setConfigurationAsDefault: [
      "PUT /orgs/{org}/code-security/configurations/{configuration_id}/defaults"
    ],
    setConfigurationAsDefaultForEnterprise: [
      "PUT /enterprises/{enterprise}/code-security/configurations/{configuration_id}/defaults"
    ],
    updateConfiguration: [
      "PATCH /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    updateEnterpriseConfiguration: [
      "PATCH /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ]
  },
  codesOfConduct: {
    getAllCodesOfConduct: ["GET /codes_of_conduct"],
    getConductCode: ["GET /codes_of_conduct/{key}"]
  },
  codespaces: {
    addRepositoryForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    checkPermissionsForDevcontainer: [
      "GET /repos/{owner}/{repo}/codespaces/permissions_check"
    ],
    codespaceMachinesForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/machines"
    ],
    createForAuthenticatedUser: ["POST /user/codespaces"],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}"
    ],
    createWithPrForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/codespaces"
    ],
    createWithRepoForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/codespaces"
    ],
    deleteForAuthenticatedUser: ["DELETE /user/codespaces/{codespace_name}"],
    deleteFromOrganization: [
      "DELETE /orgs/{org}/members/{username}/codespaces/{codespace_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/codespaces/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    deleteSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}"
    ],
    exportForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/exports"
    ],
    getCodespacesForUserInOrg: [
      "GET /orgs/{org}/members/{username}/codespaces"
    ],
    getExportDetailsForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/exports/{export_id}"
    ],
    getForAuthenticatedUser: ["GET /user/codespaces/{codespace_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/codespaces/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/codespaces/secrets/{secret_name}"],
    getPublicKeyForAuthenticatedUser: [
      "GET /user/codespaces/secrets/public-key"
    ],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    getSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}"
    ],
    listDevcontainersInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/devcontainers"
    ],
    listForAuthenticatedUser: ["GET /user/codespaces"],
    listInOrganization: [
      "GET /orgs/{org}/codespaces",
      {},
      { renamedParameters: { org_id: "org" } }
    ],
    listInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces"
    ],
    listOrgSecrets: ["GET /orgs/{org}/codespaces/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/codespaces/secrets"],
    listRepositoriesForSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}/repositories"
    ],
    listSecretsForAuthenticatedUser: ["GET /user/codespaces/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    preFlightWithRepoForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/new"
    ],
    publishForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/publish"
    ],
    removeRepositoryForSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repoMachinesForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/machines"
    ],
    setRepositoriesForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    startForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/start"],
    stopForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/stop"],
    stopInOrganization: [
      "POST /orgs/{org}/members/{username}/codespaces/{codespace_name}/stop"
    ],
    updateForAuthenticatedUser: ["PATCH /user/codespaces/{codespace_name}"]
  },
  copilot: {
    addCopilotSeatsForTeams: [
      "POST /orgs/{org}/copilot/billing/selected_teams"
    ],
    addCopilotSeatsForUsers: [
      "POST /orgs/{org}/copilot/billing/selected_users"
    ],
    cancelCopilotSeatAssignmentForTeams: [
      "DELETE /orgs/{org}/copilot/billing/selected_teams"
    ],
    cancelCopilotSeatAssignmentForUsers: [
      "DELETE /orgs/{org}/copilot/billing/selected_users"
    ],
    copilotMetricsForOrganization: ["GET /orgs/{org}/copilot/metrics"],
    copilotMetricsForTeam: ["GET /orgs/{org}/team/{team_slug}/copilot/metrics"],
    getCopilotOrganizationDetails: ["GET /orgs/{org}/copilot/billing"],
    getCopilotSeatDetailsForUser: [
      "GET /orgs/{org}/members/{username}/copilot"
    ],
    listCopilotSeats: ["GET /orgs/{org}/copilot/billing/seats"]
  },
  credentials: { revoke: ["POST /credentials/revoke"] },
  dependabot: {
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/dependabot/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    getAlert: ["GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"],
    getOrgPublicKey: ["GET /orgs/{org}/dependabot/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/dependabot/secrets/{secret_name}"],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    listAlertsForEnterprise: [
      "GET /enterprises/{enterprise}/dependabot/alerts"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/dependabot/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/dependabot/alerts"],
    listOrgSecrets: ["GET /orgs/{org}/dependabot/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/dependabot/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repositoryAccessForOrg: [
      "GET /organizations/{org}/dependabot/repository-access"
    ],
    setRepositoryAccessDefaultLevel: [
      "PUT /organizations/{org}/dependabot/repository-access/default-level"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"
    ],
    updateRepositoryAccessForOrg: [
      "PATCH /organizations/{org}/dependabot/repository-access"
    ]
  },
  dependencyGraph: {
    createRepositorySnapshot: [
      "POST /repos/{owner}/{repo}/dependency-graph/snapshots"
    ],
    diffRange: [
      "GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}"
    ],
    exportSbom: ["GET /repos/{owner}/{repo}/dependency-graph/sbom"]
  },
  emojis: { get: ["GET /emojis"] },
  enterpriseTeamMemberships: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/remove"
    ],
    get: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    list: ["GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships"],
    remove: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ]
  },
  enterpriseTeamOrganizations: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/remove"
    ],
    delete: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignment: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignments: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations"
    ]
  },
  enterpriseTeams: {
    create: ["POST /enterprises/{enterprise}/teams"],
    delete: ["DELETE /enterprises/{enterprise}/teams/{team_slug}"],
    get: ["GET /enterprises/{enterprise}/teams/{team_slug}"],
    list: ["GET /enterprises/{enterprise}/teams"],
    update: ["PATCH /enterprises/{enterprise}/teams/{team_slug}"]
  },
  gists: {
    checkIsStarred: ["GET /gists/{gist_id}/star"],
    create: ["POST /gists"],
    createComment: ["POST /gists/{gist_id}/comments"],
    delete: ["DELETE /gists/{gist_id}"],
    deleteComment: ["DELETE /gists/{gist_id}/comments/{comment_id}"],
    fork: ["POST /gists/{gist_id}/forks"],
    get: ["GET /gists/{gist_id}"],
    getComment: ["GET /gists/{gist_id}/comments/{comment_id}"],
    getRevision: ["GET /gists/{gist_id}/{sha}"],
    list: ["GET /gists"],
    listComments: ["GET /gists/{gist_id}/comments"],
    listCommits: ["GET /gists/{gist_id}/commits"],
    listForUser: ["GET /users/{username}/gists"],
    listForks: ["GET /gists/{gist_id}/forks"],
    listPublic: ["GET /gists/public"],
    listStarred: ["GET /gists/starred"],
    star: ["PUT /gists/{gist_id}/star"],
    unstar: ["DELETE /gists/{gist_id}/star"],
    update: ["PATCH /gists/{gist_id}"],
    updateComment: ["PATCH /gists/{gist_id}/comments/{comment_id}"]
  },
  git: {
    createBlob: ["POST /repos/{owner}/{repo}/git/blobs"],
    createCommit: ["POST /repos/{owner}/{repo}/git/commits"],
    createRef: ["POST /repos/{owner}/{repo}/git/refs"],
    createTag: ["POST /repos/{owner}/{repo}/git/tags"],
    createTree: ["POST /repos/{owner}/{repo}/git/trees"],
    deleteRef: ["DELETE /repos/{owner}/{repo}/git/refs/{ref}"],
    getBlob: ["GET /repos/{owner}/{repo}/git/blobs/{file_sha}"],
    getCommit: ["GET /repos/{owner}/{repo}/git/commits/{commit_sha}"],
    getRef: ["GET /repos/{owner}/{repo}/git/ref/{ref}"],
    getTag: ["GET /repos/{owner}/{repo}/git/tags/{tag_sha}"],
    getTree: ["GET /repos/{owner}/{repo}/git/trees/{tree_sha}"],
    listMatchingRefs: ["GET /repos/{owner}/{repo}/git/matching-refs/{ref}"],
    updateRef: ["PATCH /repos/{owner}/{repo}/git/refs/{ref}"]
  },
  gitignore: {
    getAllTemplates: ["GET /gitignore/templates"],
    getTemplate: ["GET /gitignore/templates/{name}"]
  },
  hostedCompute: {
    createNetworkConfigurationForOrg: [
      "POST /orgs/{org}/settings/network-configurations"
    ],
    deleteNetworkConfigurationFromOrg: [
      "DELETE /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkConfigurationForOrg: [
      "GET /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkSettingsForOrg: [
      "GET /orgs/{org}/settings/network-settings/{network_settings_id}"
    ],
    listNetworkConfigurationsForOrg: [
      "GET /orgs/{org}/settings/network-configurations"
    ],
    updateNetworkConfigurationForOrg: [
      "PATCH /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ]
  },
  interactions: {
    getRestrictionsForAuthenticatedUser: ["GET /user/interaction-limits"],
    getRestrictionsForOrg: ["GET /orgs/{org}/interaction-limits"],
    getRestrictionsForRepo: ["GET /repos/{owner}/{repo}/interaction-limits"],
    getRestrictionsForYourPublicRepos: [
      "GET /user/interaction-limits",
      {},
      { renamed: ["interactions", "getRestrictionsForAuthenticatedUser"] }
    ],
    removeRestrictionsForAuthenticatedUser: ["DELETE /user/interaction-limits"],
    removeRestrictionsForOrg: ["DELETE /orgs/{org}/interaction-limits"],
    removeRestrictionsForRepo: [
      "DELETE /repos/{owner}/{repo}/interaction-limits"
    ],
    removeRestrictionsForYourPublicRepos: [
      "DELETE /user/interaction-limits",
      {},
      { renamed: ["interactions", "removeRestrictionsForAuthenticatedUser"] }
    ],
    setRestrictionsForAuthenticatedUser: ["PUT /user/interaction-limits"],
    setRestrictionsForOrg: ["PUT /orgs/{org}/interaction-limits"],
    setRestrictionsForRepo: ["PUT /repos/{owner}/{repo}/interaction-limits"],
    setRestrictionsForYourPublicRepos: [
      "PUT /user/interaction-limits",
      {},
      { renamed: ["interactions", "setRestrictionsForAuthenticatedUser"] }
    ]
  },
  issues: {
    addAssignees: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    addBlockedByDependency: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    addLabels: ["POST /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    addSubIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    checkUserCanBeAssigned: ["GET /repos/{owner}/{repo}/assignees/{assignee}"],
    checkUserCanBeAssignedToIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/assignees/{assignee}"
    ],
    create: ["POST /repos/{owner}/{repo}/issues"],
    createComment: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"
    ],
    createLabel: ["POST /repos/{owner}/{repo}/labels"],
    createMilestone: ["POST /repos/{owner}/{repo}/milestones"],
    deleteComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}"
    ],
    deleteLabel: ["DELETE /repos/{owner}/{repo}/labels/{name}"],
    deleteMilestone: [
      "DELETE /repos/{owner}/{repo}/milestones/{milestone_number}"
    ],
    get: ["GET /repos/{owner}/{repo}/issues/{issue_number}"],
    getComment: ["GET /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    getEvent: ["GET /repos/{owner}/{repo}/issues/events/{event_id}"],
    getLabel: ["GET /repos/{owner}/{repo}/labels/{name}"],
    getMilestone: ["GET /repos/{owner}/{repo}/milestones/{milestone_number}"],
    getParent: ["GET /repos/{owner}/{repo}/issues/{issue_number}/parent"],
    list: ["GET /issues"],
    listAssignees: ["GET /repos/{owner}/{repo}/assignees"],
    listComments: ["GET /repos/{owner}/{repo}/issues/{issue_number}/comments"],
    listCommentsForRepo: ["GET /repos/{owner}/{repo}/issues/comments"],
    listDependenciesBlockedBy: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    listDependenciesBlocking: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking"
    ],
    listEvents: ["GET /repos/{owner}/{repo}/issues/{issue_number}/events"],
    listEventsForRepo: ["GET /repos/{owner}/{repo}/issues/events"],
    listEventsForTimeline: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline"
    ],
    listForAuthenticatedUser: ["GET /user/issues"],
    listForOrg: ["GET /orgs/{org}/issues"],
    listForRepo: ["GET /repos/{owner}/{repo}/issues"],
    listLabelsForMilestone: [
      "GET /repos/{owner}/{repo}/milestones/{milestone_number}/labels"
    ],
    listLabelsForRepo: ["GET /repos/{owner}/{repo}/labels"],
    listLabelsOnIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    listMilestones: ["GET /repos/{owner}/{repo}/milestones"],
    listSubIssues: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    lock: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    removeAllLabels: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    removeAssignees: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    removeDependencyBlockedBy: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}"
    ],
    removeLabel: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"
    ],
    removeSubIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue"
    ],
    reprioritizeSubIssue: [
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority"
    ],
    setLabels: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    unlock: ["DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    update: ["PATCH /repos/{owner}/{repo}/issues/{issue_number}"],
    updateComment: ["PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    updateLabel: ["PATCH /repos/{owner}/{repo}/labels/{name}"],
    updateMilestone: [
      "PATCH /repos/{owner}/{repo}/milestones/{milestone_number}"
    ]
  },
  licenses: {
    get: ["GET /licenses/{license}"],
    getAllCommonlyUsed: ["GET /licenses"],
    getForRepo: ["GET /repos/{owner}/{repo}/license"]
  },
  markdown: {
    render: ["POST /markdown"],
    renderRaw: [
      "POST /markdown/raw",
      { headers: { "content-type": "text/plain; charset=utf-8" } }
    ]
  },
  meta: {
    get: ["GET /meta"],
    getAllVersions: ["GET /versions"],
    getOctocat: ["GET /octocat"],
    getZen: ["GET /zen"],
    root: ["GET /"]
  },
  migrations: {
    deleteArchiveForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/archive"
    ],
    deleteArchiveForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/archive"
    ],
    downloadArchiveForOrg: [
      "GET /orgs/{org}/migrations/{migration_id}/archive"
    ],
    getArchiveForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/archive"
    ],
    getStatusForAuthenticatedUser: ["GET /user/migrations/{migration_id}"],
    getStatusForOrg: ["GET /orgs/{org}/migrations/{migration_id}"],
    listForAuthenticatedUser: ["GET /user/migrations"],
    listForOrg: ["GET /orgs/{org}/migrations"],
    listReposForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/repositories"
    ],
    listReposForOrg: ["GET /orgs/{org}/migrations/{migration_id}/repositories"],
    listReposForUser: [
      "GET /user/migrations/{migration_id}/repositories",
      {},
      { renamed: ["migrations", "listReposForAuthenticatedUser"] }
    ],
    startForAuthenticatedUser: ["POST /user/migrations"],
    startForOrg: ["POST /orgs/{org}/migrations"],
    unlockRepoForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/repos/{repo_name}/lock"
    ],
    unlockRepoForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/repos/{repo_name}/lock"
    ]
  },
  oidc: {
    getOidcCustomSubTemplateForOrg: [
      "GET /orgs/{org}/actions/oidc/customization/sub"
    ],
    updateOidcCustomSubTemplateForOrg: [
      "PUT /orgs/{org}/actions/oidc/customization/sub"
    ]
  },
  orgs: {
    addSecurityManagerTeam: [
      "PUT /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.addSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#add-a-security-manager-team"
      }
    ],
    assignTeamToOrgRole: [
      "PUT /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    assignUserToOrgRole: [
      "PUT /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    blockUser: ["PUT /orgs/{org}/blocks/{username}"],
    cancelInvitation: ["DELETE /orgs/{org}/invitations/{invitation_id}"],
    checkBlockedUser: ["GET /orgs/{org}/blocks/{username}"],
    checkMembershipForUser: ["GET /orgs/{org}/members/{username}"],
    checkPublicMembershipForUser: ["GET /orgs/{org}/public_members/{username}"],
    convertMemberToOutsideCollaborator: [
      "PUT /orgs/{org}/outside_collaborators/{username}"
    ],
    createArtifactStorageRecord: [
      "POST /orgs/{org}/artifacts/metadata/storage-record"
    ],
    createInvitation: ["POST /orgs/{org}/invitations"],
    createIssueType: ["POST /orgs/{org}/issue-types"],
    createWebhook: ["POST /orgs/{org}/hooks"],
    customPropertiesForOrgsCreateOrUpdateOrganizationValues: [
      "PATCH /organizations/{org}/org-properties/values"
    ],
    customPropertiesForOrgsGetOrganizationValues: [
      "GET /organizations/{org}/org-properties/values"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinition: [
      "PUT /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinitions: [
      "PATCH /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationValues: [
      "PATCH /orgs/{org}/properties/values"
    ],
    customPropertiesForReposDeleteOrganizationDefinition: [
      "DELETE /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinition: [
      "GET /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinitions: [
      "GET /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposGetOrganizationValues: [
      "GET /orgs/{org}/properties/values"
    ],
    delete: ["DELETE /orgs/{org}"],
    deleteAttestationsBulk: ["POST /orgs/{org}/attestations/delete-request"],
    deleteAttestationsById: [
      "DELETE /orgs/{org}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /orgs/{org}/attestations/digest/{subject_digest}"
    ],
    deleteIssueType: ["DELETE /orgs/{org}/issue-types/{issue_type_id}"],
    deleteWebhook: ["DELETE /orgs/{org}/hooks/{hook_id}"],
    disableSelectedRepositoryImmutableReleasesOrganization: [
      "DELETE /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    enableSelectedRepositoryImmutableReleasesOrganization: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    get: ["GET /orgs/{org}"],
    getImmutableReleasesSettings: [
      "GET /orgs/{org}/settings/immutable-releases"
    ],
    getImmutableReleasesSettingsRepositories: [
      "GET /orgs/{org}/settings/immutable-releases/repositories"
    ],
    getMembershipForAuthenticatedUser: ["GET /user/memberships/orgs/{org}"],
    getMembershipForUser: ["GET /orgs/{org}/memberships/{username}"],
    getOrgRole: ["GET /orgs/{org}/organization-roles/{role_id}"],
    getOrgRulesetHistory: ["GET /orgs/{org}/rulesets/{ruleset_id}/history"],
    getOrgRulesetVersion: [
      "GET /orgs/{org}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getWebhook: ["GET /orgs/{org}/hooks/{hook_id}"],
    getWebhookConfigForOrg: ["GET /orgs/{org}/hooks/{hook_id}/config"],
    getWebhookDelivery: [
      "GET /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    list: ["GET /organizations"],
    listAppInstallations: ["GET /orgs/{org}/installations"],
    listArtifactStorageRecords: [
      "GET /orgs/{org}/artifacts/{subject_digest}/metadata/storage-records"
    ],
    listAttestationRepositories: ["GET /orgs/{org}/attestations/repositories"],
    listAttestations: ["GET /orgs/{org}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /orgs/{org}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedUsers: ["GET /orgs/{org}/blocks"],
    listFailedInvitations: ["GET /orgs/{org}/failed_invitations"],
    listForAuthenticatedUser: ["GET /user/orgs"],
    listForUser: ["GET /users/{username}/orgs"],
    listInvitationTeams: ["GET /orgs/{org}/invitations/{invitation_id}/teams"],
    listIssueTypes: ["GET /orgs/{org}/issue-types"],
    listMembers: ["GET /orgs/{org}/members"],
    listMembershipsForAuthenticatedUser: ["GET /user/memberships/orgs"],
    listOrgRoleTeams: ["GET /orgs/{org}/organization-roles/{role_id}/teams"],
    listOrgRoleUsers: ["GET /orgs/{org}/organization-roles/{role_id}/users"],
    listOrgRoles: ["GET /orgs/{org}/organization-roles"],
    listOrganizationFineGrainedPermissions: [
      "GET /orgs/{org}/organization-fine-grained-permissions"
    ],
    listOutsideCollaborators: ["GET /orgs/{org}/outside_collaborators"],
    listPatGrantRepositories: [
      "GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories"
    ],
    listPatGrantRequestRepositories: [
      "GET /orgs/{org}/personal-access-token-requests/{pat_request_id}/repositories"
    ],
    listPatGrantRequests: ["GET /orgs/{org}/personal-access-token-requests"],
    listPatGrants: ["GET /orgs/{org}/personal-access-tokens"],
    listPendingInvitations: ["GET /orgs/{org}/invitations"],
    listPublicMembers: ["GET /orgs/{org}/public_members"],
    listSecurityManagerTeams: [
      "GET /orgs/{org}/security-managers",
      {},
      {
        deprecated: "octokit.rest.orgs.listSecurityManagerTeams() is deprecated, see https://docs.github.com/rest/orgs/security-managers#list-security-manager-teams"
      }
    ],
    listWebhookDeliveries: ["GET /orgs/{org}/hooks/{hook_id}/deliveries"],
    listWebhooks: ["GET /orgs/{org}/hooks"],
    pingWebhook: ["POST /orgs/{org}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeMember: ["DELETE /orgs/{org}/members/{username}"],
    removeMembershipForUser: ["DELETE /orgs/{org}/memberships/{username}"],
    removeOutsideCollaborator: [
      "DELETE /orgs/{org}/outside_collaborators/{username}"
    ],
    removePublicMembershipForAuthenticatedUser: [
      "DELETE /orgs/{org}/public_members/{username}"
    ],
    removeSecurityManagerTeam: [
      "DELETE /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.removeSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#remove-a-security-manager-team"
      }
    ],
    reviewPatGrantRequest: [
      "POST /orgs/{org}/personal-access-token-requests/{pat_request_id}"
    ],
    reviewPatGrantRequestsInBulk: [
      "POST /orgs/{org}/personal-access-token-requests"
    ],
    revokeAllOrgRolesTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}"
    ],
    revokeAllOrgRolesUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}"
    ],
    revokeOrgRoleTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    revokeOrgRoleUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    setImmutableReleasesSettings: [
      "PUT /orgs/{org}/settings/immutable-releases"
    ],
    setImmutableReleasesSettingsRepositories: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories"
    ],
    setMembershipForUser: ["PUT /orgs/{org}/memberships/{username}"],
    setPublicMembershipForAuthenticatedUser: [
      "PUT /orgs/{org}/public_members/{username}"
    ],
    unblockUser: ["DELETE /orgs/{org}/blocks/{username}"],
    update: ["PATCH /orgs/{org}"],
    updateIssueType: ["PUT /orgs/{org}/issue-types/{issue_type_id}"],
    updateMembershipForAuthenticatedUser: [
      "PATCH /user/memberships/orgs/{org}"
    ],
    updatePatAccess: ["POST /orgs/{org}/personal-access-tokens/{pat_id}"],
    updatePatAccesses: ["POST /orgs/{org}/personal-access-tokens"],
    updateWebhook: ["PATCH /orgs/{org}/hooks/{hook_id}"],
    updateWebhookConfigForOrg: ["PATCH /orgs/{org}/hooks/{hook_id}/config"]
  },
  packages: {
    deletePackageForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}"
    ],
    deletePackageForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    deletePackageForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}"
    ],
    deletePackageVersionForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getAllPackageVersionsForAPackageOwnedByAnOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions",
      {},
      { renamed: ["packages", "getAllPackageVersionsForPackageOwnedByOrg"] }
    ],
    getAllPackageVersionsForAPackageOwnedByTheAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions",
      {},
      {
        renamed: [
          "packages",
          "getAllPackageVersionsForPackageOwnedByAuthenticatedUser"
        ]
      }
    ],
    getAllPackageVersionsForPackageOwnedByAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions"
    ],
    getPackageForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}"
    ],
    getPackageForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    getPackageForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}"
    ],
    getPackageVersionForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    listDockerMigrationConflictingPackagesForAuthenticatedUser: [
      "GET /user/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForOrganization: [
      "GET /orgs/{org}/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForUser: [
      "GET /users/{username}/docker/conflicts"
    ],
    listPackagesForAuthenticatedUser: ["GET /user/packages"],
    listPackagesForOrganization: ["GET /orgs/{org}/packages"],
    listPackagesForUser: ["GET /users/{username}/packages"],
    restorePackageForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageVersionForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ]
  },
  privateRegistries: {
    createOrgPrivateRegistry: ["POST /orgs/{org}/private-registries"],
    deleteOrgPrivateRegistry: [
      "DELETE /orgs/{org}/private-registries/{secret_name}"
    ],
    getOrgPrivateRegistry: ["GET /orgs/{org}/private-registries/{secret_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/private-registries/public-key"],
    listOrgPrivateRegistries: ["GET /orgs/{org}/private-registries"],
    updateOrgPrivateRegistry: [
      "PATCH /orgs/{org}/private-registries/{secret_name}"
    ]
  },
  projects: {
    addItemForOrg: ["POST /orgs/{org}/projectsV2/{project_number}/items"],
    addItemForUser: [
      "POST /users/{username}/projectsV2/{project_number}/items"
    ],
    deleteItemForOrg: [
      "DELETE /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    deleteItemForUser: [
      "DELETE /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    getFieldForOrg: [
      "GET /orgs/{org}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getFieldForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getForOrg: ["GET /orgs/{org}/projectsV2/{project_number}"],
    getForUser: ["GET /users/{username}/projectsV2/{project_number}"],
    getOrgItem: ["GET /orgs/{org}/projectsV2/{project_number}/items/{item_id}"],
    getUserItem: [
      "GET /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    listFieldsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/fields"],
    listFieldsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields"
    ],
    listForOrg: ["GET /orgs/{org}/projectsV2"],
    listForUser: ["GET /users/{username}/projectsV2"],
    listItemsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/items"],
    listItemsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/items"
    ],
    updateItemForOrg: [
      "PATCH /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    updateItemForUser: [
      "PATCH /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ]
  },
  pulls: {
    checkIfMerged: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    create: ["POST /repos/{owner}/{repo}/pulls"],
    createReplyForReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies"
    ],
    createReview: ["POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    createReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    deletePendingReview: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    deleteReviewComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ],
    dismissReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals"
    ],
    get: ["GET /repos/{owner}/{repo}/pulls/{pull_number}"],
    getReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    getReviewComment: ["GET /repos/{owner}/{repo}/pulls/comments/{comment_id}"],
    list: ["GET /repos/{owner}/{repo}/pulls"],
    listCommentsForReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/commits"],
    listFiles: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/files"],
    listRequestedReviewers: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    listReviewComments: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    listReviewCommentsForRepo: ["GET /repos/{owner}/{repo}/pulls/comments"],
    listReviews: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    merge: ["PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    removeRequestedReviewers: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    requestReviewers: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    submitReview: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events"
    ],
    update: ["PATCH /repos/{owner}/{repo}/pulls/{pull_number}"],
    updateBranch: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch"
    ],
    updateReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    updateReviewComment: [
      "PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ]
  },
  rateLimit: { get: ["GET /rate_limit"] },
  reactions: {
    createForCommitComment: [
      "POST /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    createForIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions"
    ],
    createForIssueComment: [
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    createForPullRequestReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    createForRelease: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    createForTeamDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    createForTeamDiscussionInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ],
    deleteForCommitComment: [
      "DELETE /repos/{owner}/{repo}/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/reactions/{reaction_id}"
    ],
    deleteForIssueComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForPullRequestComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForRelease: [
      "DELETE /repos/{owner}/{repo}/releases/{release_id}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussion: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussionComment: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions/{reaction_id}"
    ],
    listForCommitComment: [
      "GET /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    listForIssue: ["GET /repos/{owner}/{repo}/issues/{issue_number}/reactions"],
    listForIssueComment: [
      "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    listForPullRequestReviewComment: [
      "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    listForRelease: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    listForTeamDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    listForTeamDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ]
  },
  repos: {
    acceptInvitation: [
      "PATCH /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "acceptInvitationForAuthenticatedUser"] }
    ],
    acceptInvitationForAuthenticatedUser: [
      "PATCH /user/repository_invitations/{invitation_id}"
    ],
    addAppAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    addCollaborator: ["PUT /repos/{owner}/{repo}/collaborators/{username}"],
    addStatusCheckContexts: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    addTeamAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    addUserAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    cancelPagesDeployment: [
      "POST /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}/cancel"
    ],
    checkAutomatedSecurityFixes: [
      "GET /repos/{owner}/{repo}/automated-security-fixes"
    ],
    checkCollaborator: ["GET /repos/{owner}/{repo}/collaborators/{username}"],
    checkImmutableReleases: ["GET /repos/{owner}/{repo}/immutable-releases"],
    checkPrivateVulnerabilityReporting: [
      "GET /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    checkVulnerabilityAlerts: [
      "GET /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    codeownersErrors: ["GET /repos/{owner}/{repo}/codeowners/errors"],
    compareCommits: ["GET /repos/{owner}/{repo}/compare/{base}...{head}"],
    compareCommitsWithBasehead: [
      "GET /repos/{owner}/{repo}/compare/{basehead}"
    ],
    createAttestation: ["POST /repos/{owner}/{repo}/attestations"],
    createAutolink: ["POST /repos/{owner}/{repo}/autolinks"],
    createCommitComment: [
      "POST /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    createCommitSignatureProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    createCommitStatus: ["POST /repos/{owner}/{repo}/statuses/{sha}"],
    createDeployKey: ["POST /repos/{owner}/{repo}/keys"],
    createDeployment: ["POST /repos/{owner}/{repo}/deployments"],
    createDeploymentBranchPolicy: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    createDeploymentProtectionRule: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    createDeploymentStatus: [
      "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    createDispatchEvent: ["POST /repos/{owner}/{repo}/dispatches"],
    createForAuthenticatedUser: ["POST /user/repos"],
    createFork: ["POST /repos/{owner}/{repo}/forks"],
    createInOrg: ["POST /orgs/{org}/repos"],
    createOrUpdateEnvironment: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    createOrUpdateFileContents: ["PUT /repos/{owner}/{repo}/contents/{path}"],
    createOrgRuleset: ["POST /orgs/{org}/rulesets"],
    createPagesDeployment: ["POST /repos/{owner}/{repo}/pages/deployments"],
    createPagesSite: ["POST /repos/{owner}/{repo}/pages"],
    createRelease: ["POST /repos/{owner}/{repo}/releases"],
    createRepoRuleset: ["POST /repos/{owner}/{repo}/rulesets"],
    createUsingTemplate: [
      "POST /repos/{template_owner}/{template_repo}/generate"
    ],
    createWebhook: ["POST /repos/{owner}/{repo}/hooks"],
    customPropertiesForReposCreateOrUpdateRepositoryValues: [
      "PATCH /repos/{owner}/{repo}/properties/values"
    ],
    customPropertiesForReposGetRepositoryValues: [
      "GET /repos/{owner}/{repo}/properties/values"
    ],
    declineInvitation: [
      "DELETE /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "declineInvitationForAuthenticatedUser"] }
    ],
    declineInvitationForAuthenticatedUser: [
      "DELETE /user/repository_invitations/{invitation_id}"
    ],
    delete: ["DELETE /repos/{owner}/{repo}"],
    deleteAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    deleteAdminBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    deleteAnEnvironment: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    deleteAutolink: ["DELETE /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    deleteBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    deleteCommitComment: ["DELETE /repos/{owner}/{repo}/comments/{comment_id}"],
    deleteCommitSignatureProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    deleteDeployKey: ["DELETE /repos/{owner}/{repo}/keys/{key_id}"],
    deleteDeployment: [
      "DELETE /repos/{owner}/{repo}/deployments/{deployment_id}"
    ],
    deleteDeploymentBranchPolicy: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    deleteFile: ["DELETE /repos/{owner}/{repo}/contents/{path}"],
    deleteInvitation: [
      "DELETE /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    deleteOrgRuleset: ["DELETE /orgs/{org}/rulesets/{ruleset_id}"],
    deletePagesSite: ["DELETE /repos/{owner}/{repo}/pages"],
    deletePullRequestReviewProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    deleteRelease: ["DELETE /repos/{owner}/{repo}/releases/{release_id}"],
    deleteReleaseAsset: [
      "DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    deleteRepoRuleset: ["DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    deleteWebhook: ["DELETE /repos/{owner}/{repo}/hooks/{hook_id}"],
    disableAutomatedSecurityFixes: [
      "DELETE /repos/{owner}/{repo}/automated-security-fixes"
    ],
    disableDeploymentProtectionRule: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    disableImmutableReleases: [
      "DELETE /repos/{owner}/{repo}/immutable-releases"
    ],
    disablePrivateVulnerabilityReporting: [
      "DELETE /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    disableVulnerabilityAlerts: [
      "DELETE /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    downloadArchive: [
      "GET /repos/{owner}/{repo}/zipball/{ref}",
      {},
      { renamed: ["repos", "downloadZipballArchive"] }
    ],
    downloadTarballArchive: ["GET /repos/{owner}/{repo}/tarball/{ref}"],
    downloadZipballArchive: ["GET /repos/{owner}/{repo}/zipball/{ref}"],
    enableAutomatedSecurityFixes: [
      "PUT /repos/{owner}/{repo}/automated-security-fixes"
    ],
    enableImmutableReleases: ["PUT /repos/{owner}/{repo}/immutable-releases"],
    enablePrivateVulnerabilityReporting: [
      "PUT /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    enableVulnerabilityAlerts: [
      "PUT /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    generateReleaseNotes: [
      "POST /repos/{owner}/{repo}/releases/generate-notes"
    ],
    get: ["GET /repos/{owner}/{repo}"],
    getAccessRestrictions: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    getAdminBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    getAllDeploymentProtectionRules: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    getAllEnvironments: ["GET /repos/{owner}/{repo}/environments"],
    getAllStatusCheckContexts: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts"
    ],
    getAllTopics: ["GET /repos/{owner}/{repo}/topics"],
    getAppsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps"
    ],
    getAutolink: ["GET /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    getBranch: ["GET /repos/{owner}/{repo}/branches/{branch}"],
    getBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    getBranchRules: ["GET /repos/{owner}/{repo}/rules/branches/{branch}"],
    getClones: ["GET /repos/{owner}/{repo}/traffic/clones"],
    getCodeFrequencyStats: ["GET /repos/{owner}/{repo}/stats/code_frequency"],
    getCollaboratorPermissionLevel: [
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission"
    ],
    getCombinedStatusForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/status"],
    getCommit: ["GET /repos/{owner}/{repo}/commits/{ref}"],
    getCommitActivityStats: ["GET /repos/{owner}/{repo}/stats/commit_activity"],
    getCommitComment: ["GET /repos/{owner}/{repo}/comments/{comment_id}"],
    getCommitSignatureProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    getCommunityProfileMetrics: ["GET /repos/{owner}/{repo}/community/profile"],
    getContent: ["GET /repos/{owner}/{repo}/contents/{path}"],
    getContributorsStats: ["GET /repos/{owner}/{repo}/stats/contributors"],
    getCustomDeploymentProtectionRule: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    getDeployKey: ["GET /repos/{owner}/{repo}/keys/{key_id}"],
    getDeployment: ["GET /repos/{owner}/{repo}/deployments/{deployment_id}"],
    getDeploymentBranchPolicy: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    getDeploymentStatus: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}"
    ],
    getEnvironment: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    getLatestPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/latest"],
    getLatestRelease: ["GET /repos/{owner}/{repo}/releases/latest"],
    getOrgRuleSuite: ["GET /orgs/{org}/rulesets/rule-suites/{rule_suite_id}"],
    getOrgRuleSuites: ["GET /orgs/{org}/rulesets/rule-suites"],
    getOrgRuleset: ["GET /orgs/{org}/rulesets/{ruleset_id}"],
    getOrgRulesets: ["GET /orgs/{org}/rulesets"],
    getPages: ["GET /repos/{owner}/{repo}/pages"],
    getPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/{build_id}"],
    getPagesDeployment: [
      "GET /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}"
    ],
    getPagesHealthCheck: ["GET /repos/{owner}/{repo}/pages/health"],
    getParticipationStats: ["GET /repos/{owner}/{repo}/stats/participation"],
    getPullRequestReviewProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    getPunchCardStats: ["GET /repos/{owner}/{repo}/stats/punch_card"],
    getReadme: ["GET /repos/{owner}/{repo}/readme"],
    getReadmeInDirectory: ["GET /repos/{owner}/{repo}/readme/{dir}"],
    getRelease: ["GET /repos/{owner}/{repo}/releases/{release_id}"],
    getReleaseAsset: ["GET /repos/{owner}/{repo}/releases/assets/{asset_id}"],
    getReleaseByTag: ["GET /repos/{owner}/{repo}/releases/tags/{tag}"],
    getRepoRuleSuite: [
      "GET /repos/{owner}/{repo}/rulesets/rule-suites/{rule_suite_id}"
    ],
    getRepoRuleSuites: ["GET /repos/{owner}/{repo}/rulesets/rule-suites"],
    getRepoRuleset: ["GET /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    getRepoRulesetHistory: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history"
    ],
    getRepoRulesetVersion: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getRepoRulesets: ["GET /repos/{owner}/{repo}/rulesets"],
    getStatusChecksProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    getTeamsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams"
    ],
    getTopPaths: ["GET /repos/{owner}/{repo}/traffic/popular/paths"],
    getTopReferrers: ["GET /repos/{owner}/{repo}/traffic/popular/referrers"],
    getUsersWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users"
    ],
    getViews: ["GET /repos/{owner}/{repo}/traffic/views"],
    getWebhook: ["GET /repos/{owner}/{repo}/hooks/{hook_id}"],
    getWebhookConfigForRepo: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    getWebhookDelivery: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    listActivities: ["GET /repos/{owner}/{repo}/activity"],
    listAttestations: [
      "GET /repos/{owner}/{repo}/attestations/{subject_digest}"
    ],
    listAutolinks: ["GET /repos/{owner}/{repo}/autolinks"],
    listBranches: ["GET /repos/{owner}/{repo}/branches"],
    listBranchesForHeadCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/branches-where-head"
    ],
    listCollaborators: ["GET /repos/{owner}/{repo}/collaborators"],
    listCommentsForCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    listCommitCommentsForRepo: ["GET /repos/{owner}/{repo}/comments"],
    listCommitStatusesForRef: [
      "GET /repos/{owner}/{repo}/commits/{ref}/statuses"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/commits"],
    listContributors: ["GET /repos/{owner}/{repo}/contributors"],
    listCustomDeploymentRuleIntegrations: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/apps"
    ],
    listDeployKeys: ["GET /repos/{owner}/{repo}/keys"],
    listDeploymentBranchPolicies: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    listDeploymentStatuses: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    listDeployments: ["GET /repos/{owner}/{repo}/deployments"],
    listForAuthenticatedUser: ["GET /user/repos"],
    listForOrg: ["GET /orgs/{org}/repos"],
    listForUser: ["GET /users/{username}/repos"],
    listForks: ["GET /repos/{owner}/{repo}/forks"],
    listInvitations: ["GET /repos/{owner}/{repo}/invitations"],
    listInvitationsForAuthenticatedUser: ["GET /user/repository_invitations"],
    listLanguages: ["GET /repos/{owner}/{repo}/languages"],
    listPagesBuilds: ["GET /repos/{owner}/{repo}/pages/builds"],
    listPublic: ["GET /repositories"],
    listPullRequestsAssociatedWithCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls"
    ],
    listReleaseAssets: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/assets"
    ],
    listReleases: ["GET /repos/{owner}/{repo}/releases"],
    listTags: ["GET /repos/{owner}/{repo}/tags"],
    listTeams: ["GET /repos/{owner}/{repo}/teams"],
    listWebhookDeliveries: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries"
    ],
    listWebhooks: ["GET /repos/{owner}/{repo}/hooks"],
    merge: ["POST /repos/{owner}/{repo}/merges"],
    mergeUpstream: ["POST /repos/{owner}/{repo}/merge-upstream"],
    pingWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeAppAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    removeCollaborator: [
      "DELETE /repos/{owner}/{repo}/collaborators/{username}"
    ],
    removeStatusCheckContexts: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    removeStatusCheckProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    removeTeamAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    removeUserAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    renameBranch: ["POST /repos/{owner}/{repo}/branches/{branch}/rename"],
    replaceAllTopics: ["PUT /repos/{owner}/{repo}/topics"],
    requestPagesBuild: ["POST /repos/{owner}/{repo}/pages/builds"],
    setAdminBranchProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    setAppAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    setStatusCheckContexts: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    setTeamAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    setUserAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    testPushWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/tests"],
    transfer: ["POST /repos/{owner}/{repo}/transfer"],
    update: ["PATCH /repos/{owner}/{repo}"],
    updateBranchProtection: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    updateCommitComment: ["PATCH /repos/{owner}/{repo}/comments/{comment_id}"],
    updateDeploymentBranchPolicy: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    updateInformationAboutPagesSite: ["PUT /repos/{owner}/{repo}/pages"],
    updateInvitation: [
      "PATCH /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    updateOrgRuleset: ["PUT /orgs/{org}/rulesets/{ruleset_id}"],
    updatePullRequestReviewProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    updateRelease: ["PATCH /repos/{owner}/{repo}/releases/{release_id}"],
    updateReleaseAsset: [
      "PATCH /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    updateRepoRuleset: ["PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    updateStatusCheckPotection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks",
      {},
      { renamed: ["repos", "updateStatusCheckProtection"] }
    ],
    updateStatusCheckProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    updateWebhook: ["PATCH /repos/{owner}/{repo}/hooks/{hook_id}"],
    updateWebhookConfigForRepo: [
      "PATCH /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    uploadReleaseAsset: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}",
      { baseUrl: "https://uploads.github.com" }
    ]
  },
  search: {
    code: ["GET /search/code"],
    commits: ["GET /search/commits"],
    issuesAndPullRequests: ["GET /search/issues"],
    labels: ["GET /search/labels"],
    repos: ["GET /search/repositories"],
    topics: ["GET /search/topics"],
    users: ["GET /search/users"]
  },
  secretScanning: {
    createPushProtectionBypass: [
      "POST /repos/{owner}/{repo}/secret-scanning/push-protection-bypasses"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    getScanHistory: ["GET /repos/{owner}/{repo}/secret-scanning/scan-history"],
    listAlertsForOrg: ["GET /orgs/{org}/secret-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/secret-scanning/alerts"],
    listLocationsForAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations"
    ],
    listOrgPatternConfigs: [
      "GET /orgs/{org}/secret-scanning/pattern-configurations"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    updateOrgPatternConfigs: [
      "PATCH /orgs/{org}/secret-scanning/pattern-configurations"
    ]
  },
  securityAdvisories: {
    createFork: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/forks"
    ],
    createPrivateVulnerabilityReport: [
      "POST /repos/{owner}/{repo}/security-advisories/reports"
    ],
    createRepositoryAdvisory: [
      "POST /repos/{owner}/{repo}/security-advisories"
    ],
    createRepositoryAdvisoryCveRequest: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/cve"
    ],
    getGlobalAdvisory: ["GET /advisories/{ghsa_id}"],
    getRepositoryAdvisory: [
      "GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ],
    listGlobalAdvisories: ["GET /advisories"],
    listOrgRepositoryAdvisories: ["GET /orgs/{org}/security-advisories"],
    listRepositoryAdvisories: ["GET /repos/{owner}/{repo}/security-advisories"],
    updateRepositoryAdvisory: [
      "PATCH /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ]
  },
  teams: {
    addOrUpdateMembershipForUserInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    addOrUpdateRepoPermissionsInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    checkPermissionsForRepoInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    create: ["POST /orgs/{org}/teams"],
    createDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    createDiscussionInOrg: ["POST /orgs/{org}/teams/{team_slug}/discussions"],
    deleteDiscussionCommentInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    deleteDiscussionInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    deleteInOrg: ["DELETE /orgs/{org}/teams/{team_slug}"],
    getByName: ["GET /orgs/{org}/teams/{team_slug}"],
    getDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    getDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    getMembershipForUserInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    list: ["GET /orgs/{org}/teams"],
    listChildInOrg: ["GET /orgs/{org}/teams/{team_slug}/teams"],
    listDiscussionCommentsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    listDiscussionsInOrg: ["GET /orgs/{org}/teams/{team_slug}/discussions"],
    listForAuthenticatedUser: ["GET /user/teams"],
    listMembersInOrg: ["GET /orgs/{org}/teams/{team_slug}/members"],
    listPendingInvitationsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/invitations"
    ],
    listReposInOrg: ["GET /orgs/{org}/teams/{team_slug}/repos"],
    removeMembershipForUserInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    removeRepoInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    updateDiscussionCommentInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    updateDiscussionInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    updateInOrg: ["PATCH /orgs/{org}/teams/{team_slug}"]
  },
  users: {
    addEmailForAuthenticated: [
      "POST /user/emails",
      {},
      { renamed: ["users", "addEmailForAuthenticatedUser"] }
    ],
    addEmailForAuthenticatedUser: ["POST /user/emails"],
    addSocialAccountForAuthenticatedUser: ["POST /user/social_accounts"],
    block: ["PUT /user/blocks/{username}"],
    checkBlocked: ["GET /user/blocks/{username}"],
    checkFollowingForUser: ["GET /users/{username}/following/{target_user}"],
    checkPersonIsFollowedByAuthenticated: ["GET /user/following/{username}"],
    createGpgKeyForAuthenticated: [
      "POST /user/gpg_keys",
      {},
      { renamed: ["users", "createGpgKeyForAuthenticatedUser"] }
    ],
    createGpgKeyForAuthenticatedUser: ["POST /user/gpg_keys"],
    createPublicSshKeyForAuthenticated: [
      "POST /user/keys",
      {},
      { renamed: ["users", "createPublicSshKeyForAuthenticatedUser"] }
    ],
    createPublicSshKeyForAuthenticatedUser: ["POST /user/keys"],
    createSshSigningKeyForAuthenticatedUser: ["POST /user/ssh_signing_keys"],
    deleteAttestationsBulk: [
      "POST /users/{username}/attestations/delete-request"
    ],
    deleteAttestationsById: [
      "DELETE /users/{username}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /users/{username}/attestations/digest/{subject_digest}"
    ],
    deleteEmailForAuthenticated: [
      "DELETE /user/emails",
      {},
      { renamed: ["users", "deleteEmailForAuthenticatedUser"] }
    ],
    deleteEmailForAuthenticatedUser: ["DELETE /user/emails"],
    deleteGpgKeyForAuthenticated: [
      "DELETE /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "deleteGpgKeyForAuthenticatedUser"] }
    ],
    deleteGpgKeyForAuthenticatedUser: ["DELETE /user/gpg_keys/{gpg_key_id}"],
    deletePublicSshKeyForAuthenticated: [
      "DELETE /user/keys/{key_id}",
      {},
      { renamed: ["users", "deletePublicSshKeyForAuthenticatedUser"] }
    ],
    deletePublicSshKeyForAuthenticatedUser: ["DELETE /user/keys/{key_id}"],
    deleteSocialAccountForAuthenticatedUser: ["DELETE /user/social_accounts"],
    deleteSshSigningKeyForAuthenticatedUser: [
      "DELETE /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    follow: ["PUT /user/following/{username}"],
    getAuthenticated: ["GET /user"],
    getById: ["GET /user/{account_id}"],
    getByUsername: ["GET /users/{username}"],
    getContextForUser: ["GET /users/{username}/hovercard"],
    getGpgKeyForAuthenticated: [
      "GET /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "getGpgKeyForAuthenticatedUser"] }
    ],
    getGpgKeyForAuthenticatedUser: ["GET /user/gpg_keys/{gpg_key_id}"],
    getPublicSshKeyForAuthenticated: [
      "GET /user/keys/{key_id}",
      {},
      { renamed: ["users", "getPublicSshKeyForAuthenticatedUser"] }
    ],
    getPublicSshKeyForAuthenticatedUser: ["GET /user/keys/{key_id}"],
    getSshSigningKeyForAuthenticatedUser: [
      "GET /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    list: ["GET /users"],
    listAttestations: ["GET /users/{username}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /users/{username}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedByAuthenticated: [
      "GET /user/blocks",
      {},
      { renamed: ["users", "listBlockedByAuthenticatedUser"] }
    ],
    listBlockedByAuthenticatedUser: ["GET /user/blocks"],
    listEmailsForAuthenticated: [
      "GET /user/emails",
      {},
      { renamed: ["users", "listEmailsForAuthenticatedUser"] }
    ],
    listEmailsForAuthenticatedUser: ["GET /user/emails"],
    listFollowedByAuthenticated: [
      "GET /user/following",
      {},
      { renamed: ["users", "listFollowedByAuthenticatedUser"] }
    ],
    listFollowedByAuthenticatedUser: ["GET /user/following"],
    listFollowersForAuthenticatedUser: ["GET /user/followers"],
    listFollowersForUser: ["GET /users/{username}/followers"],
    listFollowingForUser: ["GET /users/{username}/following"],
    listGpgKeysForAuthenticated: [
      "GET /user/gpg_keys",
      {},
      { renamed: ["users", "listGpgKeysForAuthenticatedUser"] }
    ],
    listGpgKeysForAuthenticatedUser: ["GET /user/gpg_keys"],
    listGpgKeysForUser: ["GET /users/{username}/gpg_keys"],
    listPublicEmailsForAuthenticated: [
      "GET /user/public_emails",
      {},
      { renamed: ["users", "listPublicEmailsForAuthenticatedUser"] }
    ],
    listPublicEmailsForAuthenticatedUser: ["GET /user/public_emails"],
    listPublicKeysForUser: ["GET /users/{username}/keys"],
    listPublicSshKeysForAuthenticated: [
      "GET /user/keys",
      {},
      { renamed: ["users", "listPublicSshKeysForAuthenticatedUser"] }
    ],
    listPublicSshKeysForAuthenticatedUser: ["GET /user/keys"],
    listSocialAccountsForAuthenticatedUser: ["GET /user/social_accounts"],
    listSocialAccountsForUser: ["GET /users/{username}/social_accounts"],
    listSshSigningKeysForAuthenticatedUser: ["GET /user/ssh_signing_keys"],
    listSshSigningKeysForUser: ["GET /users/{username}/ssh_signing_keys"],
    setPrimaryEmailVisibilityForAuthenticated: [
      "PATCH /user/email/visibility",
      {},
      { renamed: ["users", "setPrimaryEmailVisibilityForAuthenticatedUser"] }
    ],
    setPrimaryEmailVisibilityForAuthenticatedUser: [
      "PATCH /user/email/visibility"
    ],
    unblock: ["DELETE /user/blocks/{username}"],
    unfollow: ["DELETE /user/following/{username}"],
    updateAuthenticated: ["PATCH /user"]
  }
};
var endpoints_default = Endpoints;

//# sourceMappingURL=endpoints.js.map

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+plugin-rest-endpoint-methods@17.0.0_@octokit+core@7.0.8/node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/endpoints-to-methods.js

const endpointMethodsMap = /* @__PURE__ */ new Map();
for (const [scope, endpoints] of Object.entries(endpoints_default)) {
  for (const [methodName, endpoint] of Object.entries(endpoints)) {
    const [route, defaults, decorations] = endpoint;
    const [method, url] = route.split(/ /);
    const endpointDefaults = Object.assign(
      {
        method,
        url
      },
      defaults
    );
    if (!endpointMethodsMap.has(scope)) {
      endpointMethodsMap.set(scope, /* @__PURE__ */ new Map());
    }
    endpointMethodsMap.get(scope).set(methodName, {
      scope,
      methodName,
      endpointDefaults,
      decorations
    });
  }
}
const handler = {
  has({ scope }, methodName) {
    return endpointMethodsMap.get(scope).has(methodName);
  },
  getOwnPropertyDescriptor(target, methodName) {
    return {
      value: this.get(target, methodName),
      // ensures method is in the cache
      configurable: true,
      writable: true,
      enumerable: true
    };
  },
  defineProperty(target, methodName, descriptor) {
    Object.defineProperty(target.cache, methodName, descriptor);
    return true;
  },
  deleteProperty(target, methodName) {
    delete target.cache[methodName];
    return true;
  },
  ownKeys({ scope }) {
    return [...endpointMethodsMap.get(scope).keys()];
  },
  set(target, methodName, value) {
    return target.cache[methodName] = value;
  },
  get({ octokit, scope, cache }, methodName) {
    if (cache[methodName]) {
      return cache[methodName];
    }
    const method = endpointMethodsMap.get(scope).get(methodName);
    if (!method) {
      return void 0;
    }
    const { endpointDefaults, decorations } = method;
    if (decorations) {
      cache[methodName] = decorate(
        octokit,
        scope,
        methodName,
        endpointDefaults,
        decorations
      );
    } else {
      cache[methodName] = octokit.request.defaults(endpointDefaults);
    }
    return cache[methodName];
  }
};
function endpointsToMethods(octokit) {
  const newMethods = {};
  for (const scope of endpointMethodsMap.keys()) {
    newMethods[scope] = new Proxy({ octokit, scope, cache: {} }, handler);
  }
  return newMethods;
}
function decorate(octokit, scope, methodName, defaults, decorations) {
  const requestWithDefaults = octokit.request.defaults(defaults);
  function withDecorations(...args) {
    let options = requestWithDefaults.endpoint.merge(...args);
    if (decorations.mapToData) {
      options = Object.assign({}, options, {
        data: options[decorations.mapToData],
        [decorations.mapToData]: void 0
      });
      return requestWithDefaults(options);
    }
    if (decorations.renamed) {
      const [newScope, newMethodName] = decorations.renamed;
      octokit.log.warn(
        `octokit.${scope}.${methodName}() has been renamed to octokit.${newScope}.${newMethodName}()`
      );
    }
    if (decorations.deprecated) {
      octokit.log.warn(decorations.deprecated);
    }
    if (decorations.renamedParameters) {
      const options2 = requestWithDefaults.endpoint.merge(...args);
      for (const [name, alias] of Object.entries(
        decorations.renamedParameters
      )) {
        if (name in options2) {
          octokit.log.warn(
            `"${name}" parameter is deprecated for "octokit.${scope}.${methodName}()". Use "${alias}" instead`
          );
          if (!(alias in options2)) {
            options2[alias] = options2[name];
          }
          delete options2[name];
        }
      }
      return requestWithDefaults(options2);
    }
    return requestWithDefaults(...args);
  }
  return Object.assign(withDecorations, requestWithDefaults);
}

//# sourceMappingURL=endpoints-to-methods.js.map

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+plugin-rest-endpoint-methods@17.0.0_@octokit+core@7.0.8/node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js


function restEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    rest: api
  };
}
restEndpointMethods.VERSION = plugin_rest_endpoint_methods_dist_src_version_VERSION;
function legacyRestEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    ...api,
    rest: api
  };
}
legacyRestEndpointMethods.VERSION = plugin_rest_endpoint_methods_dist_src_version_VERSION;

//# sourceMappingURL=index.js.map

;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+rest@22.0.1/node_modules/@octokit/rest/dist-src/version.js
const rest_dist_src_version_VERSION = "22.0.1";


;// CONCATENATED MODULE: ../../node_modules/.pnpm/@octokit+rest@22.0.1/node_modules/@octokit/rest/dist-src/index.js





const dist_src_Octokit = Octokit.plugin(requestLog, legacyRestEndpointMethods, paginateRest).defaults(
  {
    userAgent: `octokit-rest.js/${rest_dist_src_version_VERSION}`
  }
);


;// CONCATENATED MODULE: ../core/src/clients/github.ts
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






const GithubOctokit = dist_src_Octokit.plugin(throttling, retry);
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
let github_groups;
const unpacedGroups = () => (github_groups ??= {
    write: new (light_default()).Group({ maxConcurrent: 1, minTime: 0 }),
    notifications: new (light_default()).Group({ maxConcurrent: 1, minTime: 0 }),
    search: new (light_default()).Group({ maxConcurrent: 1, minTime: 0 }),
});
function createOctokit(options = {}) {
    const policy = options.policy ?? DEFAULT_POLICY;
    const clock = options.clock ?? retry_systemClock;
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
            : sharedBudget('github', baseUrl, `${options.token} ${options.contentShare?.name ?? ''}`, () => githubBudget(clock, undefined, options.contentShare)));
    const timed = fetchWithTimeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS);
    const octokit = new GithubOctokit({
        auth: options.token,
        baseUrl: options.baseUrl,
        userAgent: options.userAgent ?? 'onramp',
        request: { fetch: budget ? budgetedFetch(budget, timed) : timed },
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
            doNotRetry: [...new Set([...NEVER_RETRY, 403, 501])],
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
        const waitMs = Math.max(serverWaitMs(headers, clock.now()) ?? 0, backoffDelay(retryIndex, policy, clock.random));
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
        budgetOfClient.set(octokit, budget);
    return octokit;
}

;// CONCATENATED MODULE: ./src/dispatch.ts
// Sends one event to GitHub as a repository_dispatch, authenticated as the GitHub App installation. The
// installation token is asked for this repository only, with contents: write (what the dispatches endpoint
// needs) and metadata: read; @octokit/auth-app caches it until shortly before it expires. Both calls go
// through the core GitHub client, so 5xx and 429 are retried under the one retry policy.


/** GitHub answered with a status that retrying cannot change (a 4xx other than 429), or retries ran out. */
class DispatchError extends Error {
    status;
    retryable;
    constructor(status, retryable, message) {
        super(message);
        this.status = status;
        this.retryable = retryable;
        this.name = 'DispatchError';
    }
}
function createDispatch(config) {
    const octokit = createOctokit({
        baseUrl: config.baseUrl,
        policy: config.policy,
        fast: config.fast,
        userAgent: 'onramp-relay',
    });
    const auth = createAppAuth({
        appId: config.appId,
        privateKey: config.privateKey,
        installationId: config.installationId,
        request: octokit.request,
    });
    return async (eventType, clientPayload) => {
        try {
            const { token } = await auth({
                type: 'installation',
                repositoryNames: [config.repo],
                permissions: { contents: 'write', metadata: 'read' },
            });
            await octokit.request('POST /repos/{owner}/{repo}/dispatches', {
                owner: config.owner,
                repo: config.repo,
                event_type: eventType,
                client_payload: clientPayload,
                headers: { authorization: `token ${token}` },
            });
        }
        catch (error) {
            throw toDispatchError(error);
        }
    };
}
function toDispatchError(error) {
    const status = error.status;
    const code = typeof status === 'number' ? status : undefined;
    // After the client's retries, what is left is either a refusal (4xx) or an outage that outlasted them.
    const retryable = code === undefined || code === 429 || code >= 500;
    // GitHub's message names the rule (e.g. "Bad credentials", "Not Found"); the payload is never in it.
    const message = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : String(error);
    return new DispatchError(code, retryable, `GitHub ${code ?? 'unreachable'}: ${message}`);
}

;// CONCATENATED MODULE: ./src/mapping.ts
// The mapping file: how one HR system's webhook body becomes onramp events. Reviewed YAML, validated on load
// (every problem names its key); applied to a verified body, it refuses what it cannot map with the body
// location and the rule, never the value.




const FIELD_NAMES = [
    'employee_id',
    'event_id',
    'occurred_at',
    'action',
    'status',
    'changed',
    'first_name',
    'last_name',
    'name',
    'email',
    'personal_email',
    'manager_email',
    'start_date',
    'github_username',
    'last_day',
    'last_hour',
    'urgent',
    'job_title',
    'department',
];
const MAX_RECORDS = 50;
const SOURCE = /^[a-z][a-z0-9-]{0,31}$/;
const mapping_ROLE_KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const mapping_EVENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const mapping_GITHUB_LOGIN = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// ---- loading ---------------------------------------------------------------------------------
function loadMapping(file) {
    return parseMapping(readFileSync(file, 'utf8'), file);
}
function parseMapping(text, file = 'mapping.yaml') {
    const doc = yaml_parseYaml(text, file);
    const problems = [];
    const bad = (field, rule) => problems.push({ file, field, rule });
    if (!mapping_isObject(doc))
        throw new errors_UserError({ file, rule: 'must be a mapping' });
    const known = ['version', 'source', 'signature', 'records', 'fields', 'email-domains', 'events', 'roles'];
    for (const k of Object.keys(doc))
        if (!known.includes(k))
            bad(k, 'unknown key');
    if (doc.version !== 1)
        bad('version', 'must be 1');
    const source = typeof doc.source === 'string' && SOURCE.test(doc.source) ? doc.source : undefined;
    if (!source)
        bad('source', 'must be 1-32 of a-z 0-9 - starting with a letter');
    const signature = doc.signature === 'bamboohr' || doc.signature === 'hub-sha256' ? doc.signature : undefined;
    if (!signature)
        bad('signature', 'must be bamboohr or hub-sha256');
    const records = doc.records ?? '';
    if (!isPointer(records))
        bad('records', "must be a JSON Pointer ('' or starting with /)");
    const fields = {};
    if (!mapping_isObject(doc.fields))
        bad('fields', 'must be a mapping of onramp field to JSON Pointer');
    else
        for (const [k, v] of Object.entries(doc.fields)) {
            if (!FIELD_NAMES.includes(k))
                bad(`fields.${k}`, `unknown field (${FIELD_NAMES.join(', ')})`);
            else if (!isPointer(v) || v === '')
                bad(`fields.${k}`, 'must be a JSON Pointer starting with /');
            else
                fields[k] = v;
        }
    const declared = (k) => mapping_isObject(doc.fields) && Object.hasOwn(doc.fields, k);
    for (const k of ['employee_id', 'occurred_at'])
        if (!declared(k))
            bad(`fields.${k}`, 'required');
    if (!declared('name') && !(declared('first_name') && declared('last_name')))
        bad('fields.name', 'required (or both first_name and last_name)');
    const domains = doc['email-domains'];
    const emailDomains = Array.isArray(domains) &&
        domains.length > 0 &&
        domains.every((d) => typeof d === 'string' && /^[a-z0-9.-]+$/.test(d))
        ? domains
        : [];
    if (emailDomains.length === 0)
        bad('email-domains', 'must list the lower-case email domains onramp accepts');
    const events = [];
    if (!Array.isArray(doc.events) || doc.events.length === 0)
        bad('events', 'must be a non-empty list of rules');
    else
        doc.events.forEach((rule, i) => {
            const at = `events[${i}]`;
            if (!mapping_isObject(rule)) {
                bad(at, 'must be a mapping with when and type');
                return;
            }
            for (const k of Object.keys(rule))
                if (k !== 'when' && k !== 'type')
                    bad(`${at}.${k}`, 'unknown key');
            const type = rule.type;
            if (type !== 'ignore' && !types_EVENT_TYPES.includes(type))
                bad(`${at}.type`, `must be one of ${types_EVENT_TYPES.join(', ')}, ignore`);
            const when = condition(rule.when, `${at}.when`, fields, bad);
            if (when)
                events.push({ when, type: type });
        });
    const roles = [];
    if (!Array.isArray(doc.roles))
        bad('roles', 'must be a list of rows (when, role)');
    else
        doc.roles.forEach((row, i) => {
            const at = `roles[${i}]`;
            if (!mapping_isObject(row)) {
                bad(at, 'must be a mapping with when and role');
                return;
            }
            for (const k of Object.keys(row))
                if (k !== 'when' && k !== 'role')
                    bad(`${at}.${k}`, 'unknown key');
            if (typeof row.role !== 'string' || !mapping_ROLE_KEY.test(row.role) || row.role.length > 64)
                bad(`${at}.role`, 'must be a role key of roles.yaml (lower-case words joined by -)');
            const when = condition(row.when, `${at}.when`, fields, bad);
            if (when && typeof row.role === 'string')
                roles.push({ when, role: row.role });
        });
    if (problems.length)
        throw new errors_UserError(problems);
    return { source: source, signature: signature, records: records, fields, emailDomains, events, roles };
}
function condition(v, at, fields, bad) {
    if (!mapping_isObject(v) || Object.keys(v).length === 0) {
        bad(at, 'must be a non-empty mapping of field to value(s)');
        return undefined;
    }
    const out = {};
    for (const [k, raw] of Object.entries(v)) {
        const values = typeof raw === 'string' ? [raw] : raw;
        if (!fields[k])
            bad(`${at}.${k}`, 'not a field mapped under fields');
        else if (!Array.isArray(values) || values.length === 0 || !values.every((x) => typeof x === 'string'))
            bad(`${at}.${k}`, 'must be a string or a list of strings');
        else
            out[k] = values;
    }
    return out;
}
const mapping_REQUIRED = {
    onboard: ['name', 'email', 'role'],
    'role-change': ['role'],
    offboard: [],
};
/** Maps every record of a body, or throws a UserError listing every record's problems (nothing half-mapped). */
function mapDelivery(body, m) {
    const problems = [];
    const list = m.records === '' ? [body] : resolve(body, m.records);
    if (!Array.isArray(list) || list.length === 0)
        throw new errors_UserError({ field: m.records || '/', rule: 'must be a non-empty array of records' });
    if (list.length > MAX_RECORDS)
        throw new errors_UserError({ field: m.records || '/', rule: `holds more than ${MAX_RECORDS} records` });
    const out = [];
    list.forEach((record, i) => {
        const at = m.records === '' ? '' : `${m.records}/${i}`;
        const r = mapRecord(record, at, m, problems);
        if (r)
            out.push(r);
    });
    if (problems.length)
        throw new errors_UserError(problems);
    return out;
}
function mapRecord(record, at, m, problems) {
    const before = problems.length;
    const bad = (f, rule) => problems.push({ field: `${at}${f in m.fields ? m.fields[f] : ''} (${f})`, rule });
    if (!mapping_isObject(record)) {
        problems.push({ field: at || '/', rule: 'must be an object' });
        return undefined;
    }
    const text = (f) => {
        const pointer = m.fields[f];
        if (!pointer)
            return undefined;
        const v = resolve(record, pointer);
        if (v === undefined || v === null)
            return undefined;
        const value = mapping_isObject(v) && Object.hasOwn(v, 'value') ? v.value : v; // BambooHR may wrap a value as {value}
        if (typeof value === 'number' && Number.isFinite(value))
            return String(value);
        if (typeof value !== 'string') {
            bad(f, 'must be a string');
            return undefined;
        }
        const trimmed = value.trim();
        return trimmed === '' || trimmed === '0000-00-00' ? undefined : trimmed; // BambooHR's empty date
    };
    const changed = () => {
        const pointer = m.fields.changed;
        const v = pointer ? resolve(record, pointer) : undefined;
        if (v === undefined || v === null)
            return [];
        if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
            return v;
        bad('changed', 'must be a list of field names');
        return [];
    };
    /** A yes/no field: a JSON boolean, or the words true/false, yes/no, 1/0 (an absent field is no). */
    const flag = (f) => {
        const pointer = m.fields[f];
        const v = pointer ? resolve(record, pointer) : undefined;
        if (v === undefined || v === null || typeof v === 'boolean')
            return v === true;
        const word = typeof v === 'string' || typeof v === 'number' ? String(v).trim().toLowerCase() : undefined;
        if (word === undefined || !['true', 'false', 'yes', 'no', '1', '0', ''].includes(word)) {
            bad(f, 'must be true or false');
            return false;
        }
        return ['true', 'yes', '1'].includes(word);
    };
    const values = {};
    for (const f of FIELD_NAMES)
        if (f !== 'changed' && f !== 'urgent')
            values[f] = text(f);
    const changedNames = changed();
    const holds = (c) => Object.entries(c).every(([f, accepted]) => f === 'changed'
        ? changedNames.some((n) => accepted.includes(n))
        : accepted.includes(values[f] ?? '\0'));
    const employeeId = values.employee_id;
    if (employeeId === undefined)
        bad('employee_id', 'required');
    else if (!types_EMPLOYEE_ID_PATTERN.test(employeeId))
        bad('employee_id', 'must be 1-64 of A-Z a-z 0-9 . _ -');
    const occurredAt = values.occurred_at === undefined ? undefined : isoInstant(values.occurred_at);
    if (values.occurred_at === undefined)
        bad('occurred_at', 'required');
    else if (!occurredAt)
        bad('occurred_at', 'must be an ISO 8601 date-time with an offset');
    let eventId = values.event_id;
    if (eventId !== undefined && !mapping_EVENT_ID.test(eventId))
        bad('event_id', 'must be 1-128 of A-Z a-z 0-9 . _ : -');
    // No event id from the HR system: the record itself, canonicalized, names the change, so a redelivery of
    // the same change has the same id.
    eventId ??= `${m.source}-${(0,external_node_crypto_.createHash)('sha256').update(canonicalize(record)).digest('hex').slice(0, 40)}`;
    const rule = m.events.find((e) => holds(e.when));
    if (!rule)
        bad('events', 'no event rule matches this record');
    const role = m.roles.find((r) => holds(r.when))?.role;
    const person = { employee_id: employeeId ?? '' };
    const name = values.name ?? ([values.first_name, values.last_name].filter(Boolean).join(' ') || undefined);
    if (name !== undefined) {
        const r = name_checkName(name);
        if (r.ok)
            person.name = r.value;
        else
            bad(values.name !== undefined ? 'name' : 'last_name', r.rule);
    }
    for (const f of ['email', 'manager_email']) {
        if (values[f] === undefined)
            continue;
        const r = email_checkEmail(values[f], m.emailDomains);
        if (r.ok)
            person[f] = r.value;
        else
            bad(f, r.rule);
    }
    // Where a joiner's welcome goes before the work mailbox exists: only an onboard carries it.
    if (rule?.type === 'onboard' && values.personal_email !== undefined) {
        const r = email_checkEmail(values.personal_email, m.emailDomains, { personal: true });
        if (r.ok)
            person.personal_email = r.value;
        else
            bad('personal_email', r.rule);
    }
    if (role)
        person.role = role;
    if (values.start_date !== undefined) {
        if (DATE.test(values.start_date))
            person.start_date = values.start_date;
        else
            bad('start_date', 'must be a date YYYY-MM-DD');
    }
    if (values.github_username !== undefined) {
        if (mapping_GITHUB_LOGIN.test(values.github_username))
            person.github_username = values.github_username;
        else
            bad('github_username', 'must be a GitHub login');
    }
    // When a leaver's access ends: only an offboard carries it (onramp refuses it on other events).
    if (rule?.type === 'offboard') {
        if (values.last_day !== undefined) {
            if (DATE.test(values.last_day))
                person.last_day = values.last_day;
            else
                bad('last_day', 'must be a date YYYY-MM-DD');
        }
        if (values.last_hour !== undefined) {
            const hour = Number(values.last_hour);
            if (person.last_day === undefined)
                bad('last_hour', 'only with last_day');
            else if (/^\d{1,2}$/.test(values.last_hour) && hour <= 23)
                person.last_hour = hour;
            else
                bad('last_hour', 'must be a whole hour from 0 to 23');
        }
        const urgent = flag('urgent');
        if (urgent)
            person.urgent = true;
    }
    if (rule && rule.type !== 'ignore')
        for (const k of mapping_REQUIRED[rule.type])
            if (person[k] === undefined && problems.length === before)
                k === 'role'
                    ? bad('roles', `no row of roles matches this record (required for ${rule.type})`)
                    : bad(k === 'name' ? 'name' : k, `required for ${rule.type}`);
    if (problems.length > before || !rule || !employeeId || !occurredAt)
        return undefined;
    if (rule.type === 'ignore')
        return { outcome: 'ignored', eventId, employeeId };
    return {
        outcome: 'event',
        type: rule.type,
        eventId,
        employeeId,
        payload: { version: 2, event_id: eventId, occurred_at: occurredAt, person },
    };
}
/** An ISO 8601 date-time with an offset (`+0000` accepted, as BambooHR writes it), as UTC `…Z`, or undefined. */
function isoInstant(s) {
    const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/.exec(s);
    if (!m)
        return undefined;
    const zone = m[3] === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`;
    const ms = Date.parse(`${m[1]}${m[2] ?? ''}${zone}`);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
// ---- helpers ---------------------------------------------------------------------------------
function mapping_isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function isPointer(v) {
    return typeof v === 'string' && (v === '' || v.startsWith('/'));
}
/** RFC 6901; own properties only, so nothing is read from Object.prototype. */
function resolve(doc, pointer) {
    if (pointer === '')
        return doc;
    let node = doc;
    for (const raw of pointer.slice(1).split('/')) {
        const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        if (Array.isArray(node)) {
            if (!/^(0|[1-9]\d*)$/.test(key))
                return undefined;
            node = node[Number(key)];
        }
        else if (mapping_isObject(node) && Object.hasOwn(node, key))
            node = node[key];
        else
            return undefined;
    }
    return node;
}

;// CONCATENATED MODULE: ./src/verify.ts
// The HR system's own signature, checked on the raw body before anything is parsed.
//
//   bamboohr    X-BambooHR-Signature: hex HMAC-SHA256(key, raw body ‖ X-BambooHR-Timestamp value)
//               X-BambooHR-Timestamp: when BambooHR sent it (Unix seconds or ISO 8601); older than the
//               window, or further ahead than the window, is refused: a captured delivery cannot be replayed.
//   hub-sha256  X-Hub-Signature-256: sha256=<hex HMAC-SHA256(key, raw body)>, for any other system; it
//               carries no timestamp, so replays are stopped by the event-id de-duplication alone.
//
// Several keys may be valid at once (rotation); every key is tried so the time taken tells nothing.

const DEFAULT_WINDOW_SECONDS = 300;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const matchesAnyKey = (keys, bytes, givenHex) => hmacMatchesAnyKey(keys, bytes, Buffer.from(givenHex, 'hex'));
const verify_header = (headers, name) => headers[name.toLowerCase()];
/** Seconds since the epoch of an `X-BambooHR-Timestamp` value, or undefined when it is neither form. */
function parseHrTimestamp(value) {
    if (/^\d{1,12}$/.test(value))
        return Number(value);
    // ISO 8601 with an offset; BambooHR writes `+0000`, which Date.parse does not read everywhere.
    const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|[+-]\d{2}:?\d{2})$/.exec(value);
    if (!m)
        return undefined;
    const zone = m[2] === 'Z' ? 'Z' : `${m[2].slice(0, 3)}:${m[2].slice(-2)}`;
    const ms = Date.parse(`${m[1]}${zone}`);
    return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
/** `headers` lower-cased. */
function verifyHrSignature(scheme, raw, headers, options) {
    if (scheme === 'hub-sha256') {
        const name = 'X-Hub-Signature-256';
        const value = verify_header(headers, name);
        if (!value)
            return { ok: false, header: name, rule: 'required' };
        const m = /^sha256=([0-9a-fA-F]{64})$/.exec(value);
        if (!m)
            return { ok: false, header: name, rule: 'must be sha256=<64 hex digits>' };
        if (!matchesAnyKey(options.keys, raw, m[1]))
            return { ok: false, header: name, rule: 'does not match the body under any accepted key' };
        return { ok: true };
    }
    const sigName = 'X-BambooHR-Signature';
    const tsName = 'X-BambooHR-Timestamp';
    const signature = verify_header(headers, sigName);
    const timestamp = verify_header(headers, tsName);
    if (!signature)
        return { ok: false, header: sigName, rule: 'required' };
    if (!timestamp)
        return { ok: false, header: tsName, rule: 'required' };
    if (!HEX_SHA256.test(signature))
        return { ok: false, header: sigName, rule: 'must be 64 hex digits' };
    const signedAt = parseHrTimestamp(timestamp);
    if (signedAt === undefined)
        return { ok: false, header: tsName, rule: 'must be Unix seconds or an ISO 8601 date-time with an offset' };
    // The signature first: an unauthenticated caller learns nothing about the clock window.
    const bytes = Buffer.concat([raw, Buffer.from(timestamp, 'utf8')]);
    if (!matchesAnyKey(options.keys, bytes, signature))
        return { ok: false, header: sigName, rule: 'does not match the body and timestamp under any accepted key' };
    const window = options.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    if (signedAt < now - window)
        return { ok: false, header: tsName, rule: `older than ${window} seconds` };
    if (signedAt > now + window)
        return { ok: false, header: tsName, rule: `more than ${window} seconds ahead` };
    return { ok: true };
}

;// CONCATENATED MODULE: ./src/relay.ts
// The relay: verify the HR system's signature on the raw body, map the body to onramp events, drop
// redeliveries, sign each event with the event key and send it as a repository_dispatch. Transport-free:
// the Node server and the Lambda handler only turn their requests into RelayRequest.
//
// Logs carry the employee id, the HR event id and the outcome only: never a name, an email or a key.





const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
const json = (status, body) => ({
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
});
const defaultLog = (line) => console.log(JSON.stringify({ at: new Date().toISOString(), ...line }));
function createRelay(options) {
    const now = options.now ?? (() => new Date());
    const dedup = options.dedup ?? new SeenEvents();
    const log = options.log ?? defaultLog;
    const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const reject = (status, reason, extra = {}) => {
        log({ outcome: 'rejected', status, reason });
        return json(status, { error: reason, ...extra });
    };
    return async (req) => {
        if (req.method === 'GET' && req.path === '/healthz')
            return json(200, { ok: true });
        if (req.method !== 'POST') {
            const r = reject(405, 'method: must be POST');
            return { ...r, headers: { ...r.headers, allow: 'POST' } };
        }
        if (req.body.length > maxBody)
            return reject(413, `body: larger than ${maxBody} bytes`);
        const check = verifyHrSignature(options.mapping.signature, req.body, req.headers, {
            keys: options.hrKeys,
            now: now(),
            windowSeconds: options.windowSeconds ?? DEFAULT_WINDOW_SECONDS,
        });
        if (!check.ok)
            return reject(401, `${check.header}: ${check.rule}`);
        let body;
        try {
            body = JSON.parse(req.body.toString('utf8'));
        }
        catch {
            return reject(400, 'body: must be JSON (set the webhook format to JSON)');
        }
        let mapped;
        try {
            mapped = mapDelivery(body, options.mapping);
        }
        catch (error) {
            if (!(error instanceof errors_UserError))
                throw error;
            const problems = error.problems.map(errors_formatProblem);
            return reject(422, 'body: cannot be mapped to an onramp event', { problems });
        }
        const results = [];
        for (const m of mapped) {
            const base = { employee_id: m.employeeId, hr_event_id: m.eventId };
            if (!dedup.claim(m.eventId)) {
                results.push({ ...base, outcome: 'duplicate' });
                continue;
            }
            if (m.outcome === 'ignored') {
                dedup.confirm(m.eventId);
                results.push({ ...base, outcome: 'ignored' });
                continue;
            }
            const payload = { ...m.payload };
            payload.signature = signEvent(options.eventKey, m.type, payload, now());
            try {
                await options.dispatch(m.type, payload);
                dedup.confirm(m.eventId);
                results.push({ ...base, event_type: m.type, outcome: 'dispatched' });
            }
            catch (error) {
                dedup.release(m.eventId);
                const e = error instanceof DispatchError ? error : new DispatchError(undefined, true, String(error));
                results.push({ ...base, event_type: m.type, outcome: 'failed', status: e.status, reason: e.message });
            }
        }
        for (const r of results)
            log(r);
        const failed = results.filter((r) => r.outcome === 'failed');
        // A failure is the HR system's cue to deliver again; what went out is then dropped as a duplicate.
        const status = failed.length === 0 ? 200 : failed.some((r) => r.status && r.status < 500 && r.status !== 429) ? 502 : 503;
        return json(status, { results });
    };
}

;// CONCATENATED MODULE: ./src/config.ts
// Configuration from the environment, the same for the Node server and the Lambda function. A missing or
// malformed variable is named; its value never is (several are secrets).







function relayOptionsFromEnv(env = process.env) {
    const problems = [];
    const need = (name) => {
        const v = env[name];
        if (!v)
            problems.push({ field: name, rule: 'required' });
        return v ?? '';
    };
    const int = (name, fallback, min, max) => {
        const v = env[name];
        if (v === undefined || v === '')
            return fallback;
        const n = Number(v);
        if (!Number.isInteger(n) || n < min || n > max)
            problems.push({ field: name, rule: `must be an integer ${min}-${max}` });
        return n;
    };
    let mappingText = env.RELAY_MAPPING;
    const mappingFile = env.RELAY_MAPPING_FILE;
    if (!mappingText && mappingFile) {
        try {
            mappingText = (0,external_node_fs_namespaceObject.readFileSync)(mappingFile, 'utf8');
        }
        catch {
            problems.push({ field: 'RELAY_MAPPING_FILE', rule: 'must name a readable file' });
        }
    }
    else if (!mappingText)
        problems.push({ field: 'RELAY_MAPPING_FILE', rule: 'required (or RELAY_MAPPING)' });
    const hrKeys = need('RELAY_HR_KEYS')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
    const eventKey = need('ONRAMP_EVENT_KEY');
    const appId = need('GITHUB_APP_ID');
    // A PEM pasted into a single-line variable arrives with literal \n.
    const privateKey = need('GITHUB_APP_PRIVATE_KEY').replace(/\\n/g, '\n');
    const installationId = int('GITHUB_APP_INSTALLATION_ID', Number.NaN, 1, Number.MAX_SAFE_INTEGER);
    if (!env.GITHUB_APP_INSTALLATION_ID)
        problems.push({ field: 'GITHUB_APP_INSTALLATION_ID', rule: 'required' });
    const repository = need('ONRAMP_REPOSITORY');
    const [owner, repo, ...rest] = repository.split('/');
    if (repository && (!owner || !repo || rest.length))
        problems.push({ field: 'ONRAMP_REPOSITORY', rule: 'must be owner/name' });
    const baseUrl = env.GITHUB_API_URL || 'https://api.github.com';
    if (!/^https?:\/\/[^\s]+$/.test(baseUrl))
        problems.push({ field: 'GITHUB_API_URL', rule: 'must be an http(s) URL' });
    const windowSeconds = int('RELAY_WINDOW_SECONDS', DEFAULT_WINDOW_SECONDS, 30, 3600);
    const maxBodyBytes = int('RELAY_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1024, 6 * 1024 * 1024);
    const dedupSeconds = int('RELAY_DEDUP_SECONDS', 86_400, 300, 30 * 86_400);
    if (problems.length)
        throw new errors_UserError(problems);
    const mapping = parseMapping(mappingText, mappingFile || 'RELAY_MAPPING');
    return {
        mapping,
        hrKeys,
        eventKey,
        windowSeconds,
        maxBodyBytes,
        dedup: new SeenEvents(dedupSeconds * 1000),
        dispatch: createDispatch({ appId, privateKey, installationId, owner: owner, repo: repo, baseUrl }),
    };
}

;// CONCATENATED MODULE: ./src/lambda.ts
// The relay as an AWS Lambda function URL handler (payload format 2.0: header names lower-cased, the body a
// string, base64 when `isBase64Encoded`). The relay instance lives as long as the warm instance, so event
// ids are de-duplicated per instance (see dedup.ts for several).

function createLambdaHandler(options) {
    let relay;
    let max = DEFAULT_MAX_BODY_BYTES;
    return async (event) => {
        if (!relay) {
            const o = typeof options === 'function' ? options() : options;
            max = o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
            relay = createRelay(o);
        }
        const raw = event.body ?? '';
        const body = Buffer.from(raw, event.isBase64Encoded ? 'base64' : 'utf8');
        const headers = {};
        for (const [k, v] of Object.entries(event.headers ?? {}))
            headers[k.toLowerCase()] = v;
        const r = await relay({
            method: event.requestContext.http.method.toUpperCase(),
            path: event.rawPath ?? event.requestContext.http.path ?? '/',
            headers,
            // The size check happens in the relay; function URLs already cap requests at 6 MB.
            body: body.length > max ? body.subarray(0, max + 1) : body,
        });
        return { statusCode: r.status, headers: r.headers, body: r.body, isBase64Encoded: false };
    };
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
;// CONCATENATED MODULE: ./src/node.ts
// The relay as a plain Node HTTP server. The body is read as raw bytes (the signature is over them) and
// reading stops at the size limit.


const tooLarge = (max) => ({
    status: 413,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ error: `body: larger than ${max} bytes` }),
});
function readBody(req, max) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        req.on('data', (c) => {
            size += c.length;
            if (size > max) {
                resolve(undefined);
                req.pause();
                return;
            }
            chunks.push(c);
        });
        req.on('end', () => resolve(Buffer.concat(chunks)));
        req.on('error', reject);
    });
}
function createRelayServer(options) {
    const relay = createRelay(options);
    const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    return (0,external_node_http_.createServer)((req, res) => {
        const send = (r, close = false) => {
            res.writeHead(r.status, {
                ...r.headers,
                'content-length': String(Buffer.byteLength(r.body)),
                ...(close ? { connection: 'close' } : {}),
            });
            res.end(r.body);
        };
        const declared = Number(req.headers['content-length']);
        if (Number.isFinite(declared) && declared > max)
            return send(tooLarge(max), true);
        const headers = {};
        for (const [k, v] of Object.entries(req.headers))
            headers[k] = Array.isArray(v) ? v.join(', ') : v;
        readBody(req, max)
            .then(async (body) => {
            if (!body)
                return send(tooLarge(max), true);
            const path = new URL(req.url ?? '/', 'http://relay.invalid').pathname;
            send(await relay({ method: req.method ?? 'GET', path, headers, body }));
        })
            .catch((error) => {
            console.error(JSON.stringify({ outcome: 'error', reason: error instanceof Error ? error.name : 'unknown' }));
            if (!res.headersSent)
                send({ status: 500, headers: {}, body: '' });
            else
                res.destroy();
        });
    });
}

;// CONCATENATED MODULE: ./src/server.ts
// The bundle's entry (dist/server.js). `node dist/server.js` starts the HTTP server; as a Lambda function
// (handler `server.handler`) it answers function URL events. Both read their configuration from the
// environment (config.ts).






const server_handler = createLambdaHandler(() => relayOptionsFromEnv());
function isMain() {
    const entry = process.argv[1];
    if (!entry)
        return false;
    try {
        return import.meta.url === (0,external_node_url_.pathToFileURL)((0,external_node_fs_namespaceObject.realpathSync)(entry)).href;
    }
    catch {
        return false;
    }
}
if (isMain()) {
    let options;
    try {
        options = relayOptionsFromEnv();
    }
    catch (error) {
        if (!(error instanceof errors_UserError))
            throw error;
        for (const p of error.problems)
            console.error(`onramp-relay: ${errors_formatProblem(p)}`);
        process.exit(2);
    }
    const port = Number(process.env.PORT || 8080);
    const host = process.env.HOST || '0.0.0.0';
    const server = createRelayServer(options);
    server.listen(port, host, () => {
        const bound = server.address();
        console.log(JSON.stringify({ outcome: 'listening', port: typeof bound === 'object' && bound ? bound.port : port }));
    });
    for (const signal of ['SIGTERM', 'SIGINT'])
        process.once(signal, () => server.close(() => process.exit(0)));
}

var __webpack_exports__handler = __webpack_exports__.R;
export { __webpack_exports__handler as handler };

//# sourceMappingURL=index.js.map