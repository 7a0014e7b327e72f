/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({

/***/ 549:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.commands = void 0;
/** Every CLI command, in the order `--help` lists them. */
exports.commands = [];


/***/ }),

/***/ 328:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.createConsoleLogger = createConsoleLogger;
const errors_1 = __nccwpck_require__(130);
const redact_1 = __nccwpck_require__(272);
/** Human-facing log lines on stderr, so stdout stays clean for `--json` output. Respects NO_COLOR. */
function createConsoleLogger(write, env, isTTY) {
    const color = isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
    const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
    const debugEnabled = env.IMAGE_MANAGER_DEBUG === '1' || env.RUNNER_DEBUG === '1';
    const where = (location) => location ? `${(0, errors_1.formatLocation)(location)}: ` : '';
    return {
        info: (message) => write(`${(0, redact_1.redact)(message)}\n`),
        warn: (message, location) => write(`${paint('33', 'warning:')} ${where(location)}${(0, redact_1.redact)(message)}\n`),
        error: (message, location) => write(`${paint('31', 'error:')} ${where(location)}${(0, redact_1.redact)(message)}\n`),
        debug: (message) => {
            if (debugEnabled)
                write(`${paint('2', `debug: ${(0, redact_1.redact)(message)}`)}\n`);
        },
    };
}


/***/ }),

/***/ 911:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.generalHelp = generalHelp;
exports.commandHelp = commandHelp;
function generalHelp(commands) {
    const width = Math.max(...commands.map((c) => c.name.length));
    return [
        'image-manager — build, test and publish a catalog of container images',
        '',
        'Usage: image-manager <command> [options]',
        '',
        'Commands:',
        ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
        '',
        'Run `image-manager <command> --help` for a command\'s options.',
        'Exit codes: 0 ok, 1 an operation failed, 2 invalid input.',
        '',
    ].join('\n');
}
function commandHelp(command) {
    const lines = [`Usage: image-manager ${command.name}${command.args ? ` ${command.args}` : ''} [options]`, '', command.summary, ''];
    if (command.description)
        lines.push(command.description.trim(), '');
    const options = Object.entries(command.options);
    if (options.length > 0) {
        lines.push('Options:');
        const labels = options.map(([name, spec]) => `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`);
        const width = Math.max(...labels.map((l) => l.length));
        options.forEach(([, spec], i) => lines.push(`  ${labels[i].padEnd(width)}  ${spec.description}`));
        lines.push('');
    }
    lines.push('  -h, --help'.padEnd(0) + '  show this help', '');
    return lines.join('\n');
}


/***/ }),

/***/ 212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.VERSION = void 0;
exports.runCli = runCli;
const node_util_1 = __nccwpck_require__(975);
const errors_1 = __nccwpck_require__(130);
const did_you_mean_1 = __nccwpck_require__(342);
const redact_1 = __nccwpck_require__(272);
const help_1 = __nccwpck_require__(911);
/**
 * The whole CLI as a function: argv in, exit code out. The one place that turns errors into messages and exit
 * codes: user errors (2) and failed operations (1) print a message, never a stack trace; anything else is a bug
 * and prints its stack so it can be reported.
 */
async function runCli(argv, commands, context) {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        const target = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
        context.stdout(target ? (0, help_1.commandHelp)(target) : (0, help_1.generalHelp)(commands));
        return name ? 0 : errors_1.EXIT_INVALID_INPUT;
    }
    if (name === '--version' || name === '-V') {
        context.stdout(`${exports.VERSION}\n`);
        return 0;
    }
    const command = commands.find((c) => c.name === name);
    try {
        if (!command) {
            const suggestion = (0, did_you_mean_1.didYouMean)(name, commands.map((c) => c.name));
            throw new errors_1.UsageError(`unknown command "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; run \`image-manager --help\` for the list`);
        }
        if (rest.includes('--help') || rest.includes('-h')) {
            context.stdout((0, help_1.commandHelp)(command));
            return 0;
        }
        return await command.run(parseCommandLine(command, rest), context);
    }
    catch (error) {
        return reportError(error, context);
    }
}
exports.VERSION = '0.1.0';
function parseCommandLine(command, args) {
    const options = Object.fromEntries(Object.entries(command.options).map(([key, spec]) => [
        key,
        { type: spec.type, multiple: spec.multiple, short: spec.short },
    ]));
    try {
        const parsed = (0, node_util_1.parseArgs)({ args, options, allowPositionals: true, strict: true });
        if (!command.args && parsed.positionals.length > 0) {
            throw new errors_1.UsageError(`${command.name} takes no arguments, got "${parsed.positionals[0]}"`);
        }
        return { values: parsed.values, positionals: parsed.positionals };
    }
    catch (error) {
        if (error instanceof errors_1.UsageError)
            throw error;
        const message = error.message;
        const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message);
        if (unknown) {
            const suggestion = (0, did_you_mean_1.didYouMean)(unknown[1].replace(/^-+/, ''), Object.keys(command.options));
            throw new errors_1.UsageError(`${command.name}: unknown option ${unknown[1]}${suggestion ? ` (did you mean --${suggestion}?)` : ''}; see \`image-manager ${command.name} --help\``);
        }
        throw new errors_1.UsageError(`${command.name}: ${message.replace(/\. To specify.*$/s, '')}; see \`image-manager ${command.name} --help\``);
    }
}
function reportError(error, context) {
    if ((0, errors_1.isUserError)(error)) {
        if ('problems' in error) {
            for (const problem of error.problems)
                context.logger.error((0, errors_1.formatProblem)({ ...problem, location: undefined }), problem.location);
            const count = error.problems.length;
            context.stderr(`${count} problem${count === 1 ? '' : 's'} found; nothing was written.\n`);
        }
        else {
            context.logger.error(error.message);
        }
        return errors_1.EXIT_INVALID_INPUT;
    }
    if (error instanceof errors_1.OperationError) {
        context.logger.error(error.message);
        return errors_1.EXIT_FAILED;
    }
    context.stderr(`internal error (please report it): ${(0, redact_1.redact)(error?.stack ?? String(error))}\n`);
    return errors_1.EXIT_FAILED;
}


/***/ }),

/***/ 342:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.didYouMean = didYouMean;
exports.editDistance = editDistance;
/** Suggests the closest known word for a typo (`varaints` → `variants`), or undefined when nothing is close. */
function didYouMean(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    const limit = Math.max(1, Math.floor(word.length / 3));
    return best !== undefined && bestDistance <= limit ? best : undefined;
}
/** Damerau-Levenshtein distance (optimal string alignment): a swap of two letters counts as one edit. */
function editDistance(a, b) {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}


/***/ }),

/***/ 130:
/***/ ((__unused_webpack_module, exports) => {


/**
 * Error classes with a meaning. User mistakes (bad config, bad flags) are ConfigError/UsageError: printed as a
 * message with file:line, exit code 2, never a stack trace. A failed operation (build, push, test) is an
 * OperationError: exit code 1. Anything else is a bug and keeps its stack trace.
 */
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ProblemCollector = exports.OperationError = exports.UsageError = exports.ConfigError = exports.EXIT_INVALID_INPUT = exports.EXIT_FAILED = exports.EXIT_OK = void 0;
exports.formatLocation = formatLocation;
exports.formatProblem = formatProblem;
exports.isUserError = isUserError;
exports.EXIT_OK = 0;
exports.EXIT_FAILED = 1;
exports.EXIT_INVALID_INPUT = 2;
class ConfigError extends Error {
    problems;
    exitCode = exports.EXIT_INVALID_INPUT;
    constructor(problems) {
        super(problems.map(formatProblem).join('\n'));
        this.problems = problems;
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
class UsageError extends Error {
    exitCode = exports.EXIT_INVALID_INPUT;
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
exports.UsageError = UsageError;
class OperationError extends Error {
    exitCode = exports.EXIT_FAILED;
    constructor(message, options) {
        super(message, options);
        this.name = 'OperationError';
    }
}
exports.OperationError = OperationError;
function formatLocation(location) {
    let text = location.file;
    if (location.line !== undefined)
        text += `:${location.line}`;
    if (location.line !== undefined && location.column !== undefined)
        text += `:${location.column}`;
    return text;
}
function formatProblem(problem) {
    const where = problem.location ? `${formatLocation(problem.location)}: ` : '';
    const field = problem.field ? `${problem.field}: ` : '';
    const hint = problem.hint ? ` (${problem.hint})` : '';
    return `${where}${field}${problem.message}${hint}`;
}
/** Collects problems so a run reports all of them together instead of stopping at the first. */
class ProblemCollector {
    problems = [];
    add(problem) {
        this.problems.push(problem);
    }
    addAll(problems) {
        for (const problem of problems)
            this.problems.push(problem);
    }
    get empty() {
        return this.problems.length === 0;
    }
    throwIfAny() {
        if (this.problems.length > 0)
            throw new ConfigError(sortProblems(this.problems));
    }
}
exports.ProblemCollector = ProblemCollector;
function sortProblems(problems) {
    return [...problems].sort((a, b) => {
        const fa = a.location?.file ?? '';
        const fb = b.location?.file ?? '';
        if (fa !== fb)
            return fa < fb ? -1 : 1;
        return (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0);
    });
}
function isUserError(error) {
    return error instanceof ConfigError || error instanceof UsageError;
}


/***/ }),

/***/ 272:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.registerSecret = registerSecret;
exports.redact = redact;
exports.clearRegisteredSecrets = clearRegisteredSecrets;
/**
 * One redaction path for everything that may carry a secret on its way to a log or a file: registered secret
 * values are replaced by `***`, and so are the usual shapes of credentials (URL userinfo, auth headers,
 * key=value pairs named like secrets) even when nobody registered them.
 */
const registered = new Set();
function registerSecret(value) {
    if (value && value.length >= 3)
        registered.add(value);
}
const SECRET_KEY = '(?:password|passwd|secret|token|secret_access_key|access_key_id|session_token|authorization)';
const PATTERNS = [
    [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1***:***@'],
    [/\b(Authorization:\s*)(Basic|Bearer)\s+\S+/gi, '$1$2 ***'],
    [new RegExp(`(\\b${SECRET_KEY}\\s*[=:]\\s*)("[^"]*"|'[^']*'|[^,\\s]+)`, 'gi'), '$1***'],
];
function redact(text) {
    let out = text;
    for (const secret of [...registered].sort((a, b) => b.length - a.length))
        out = out.split(secret).join('***');
    for (const [pattern, replacement] of PATTERNS)
        out = out.replace(pattern, replacement);
    return out;
}
/** For tests only: forget every registered secret. */
function clearRegisteredSecrets() {
    registered.clear();
}


/***/ }),

/***/ 975:
/***/ ((module) => {

module.exports = require("node:util");

/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			// no module.id needed
/******/ 			// no module.loaded needed
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/asset-relocator-loader */
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/************************************************************************/
var __webpack_exports__ = {};
// This entry need to be wrapped in an IIFE because it uses a non-standard name for the exports (exports).
(() => {
var exports = __webpack_exports__;

Object.defineProperty(exports, "__esModule", ({ value: true }));
const commands_1 = __nccwpck_require__(549);
const console_logger_1 = __nccwpck_require__(328);
const run_cli_1 = __nccwpck_require__(212);
const stderr = (text) => process.stderr.write(text);
void (0, run_cli_1.runCli)(process.argv.slice(2), commands_1.commands, {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr,
    logger: (0, console_logger_1.createConsoleLogger)(stderr, process.env, Boolean(process.stderr.isTTY)),
}).then((code) => {
    process.exitCode = code;
});

})();

module.exports = __webpack_exports__;
/******/ })()
;