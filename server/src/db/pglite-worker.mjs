// The embedded database on its own thread (db/pglite-remote.ts is the other side). Plain
// JavaScript: a worker thread is not run through the TypeScript loader under Vitest.
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { Blob } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';

const port = parentPort;
const text = (value) => value;
const textParsers = (oids) => Object.fromEntries(oids.map((oid) => [oid, text]));

const { dataDir, loadDataDir, textOids } = workerData;
const pglite = new PGlite({
  ...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : { dataDir }),
  parsers: textParsers(textOids),
  extensions: { btree_gin },
});

/** Open transactions and held locks by id: each waits for its `end` message. */
const transactions = new Map();
const holds = new Map();
const unlisteners = new Map();
let nextId = 1;

/**
 * A PostgreSQL error as plain data: its text fields (code, constraint, detail…) survive, the class
 * does not; `queryOptions` holds functions, which cannot be posted.
 */
function errorData(err) {
  if (!(err instanceof Error)) return { message: String(err) };
  const fields = Object.entries(err).filter(([, value]) => value === null || ['string', 'number', 'boolean'].includes(typeof value));
  return { ...Object.fromEntries(fields), name: err.name, message: err.message, stack: err.stack };
}

function options(message) {
  return { ...(message.rowMode ? { rowMode: message.rowMode } : {}), ...(message.parserOids ? { parsers: textParsers(message.parserOids) } : {}) };
}

/** A transaction runs until the other side sends `end`: its queries arrive meanwhile with its id. */
function begin(reply) {
  const id = nextId++;
  const open = {};
  const ended = new Promise((resolve) => (open.finish = resolve));
  let entered = false;
  open.done = pglite
    .transaction(async (tx) => {
      open.tx = tx;
      entered = true;
      transactions.set(id, open);
      reply({ result: id });
      if (!(await ended)) await tx.rollback();
    })
    .finally(() => transactions.delete(id));
  // A failed BEGIN (database closing) is the opener's error; a failed COMMIT is the `end`'s.
  open.done.catch((err) => {
    if (!entered) reply({ error: errorData(err) });
  });
}

/** While held, nothing else runs (the backup reads the data dir meanwhile). */
function hold(reply) {
  const id = nextId++;
  void pglite.runExclusive(() => new Promise((release) => {
    holds.set(id, release);
    reply({ result: id });
  }));
}

const handlers = {
  query: (m) => (m.tx ? transactions.get(m.tx).tx : pglite).query(m.sql, m.params, options(m)),
  exec: (m) => (m.tx ? transactions.get(m.tx).tx : pglite).exec(m.sql, options(m)),
  end: async (m) => {
    const open = transactions.get(m.tx);
    open.finish(m.commit);
    await open.done;
  },
  release: (m) => {
    holds.get(m.hold)?.();
    holds.delete(m.hold);
  },
  listen: async (m) => {
    unlisteners.set(m.channel, await pglite.listen(m.channel, (payload) => port.postMessage({ notify: m.channel, payload })));
  },
  unlisten: async (m) => {
    await unlisteners.get(m.channel)?.();
    unlisteners.delete(m.channel);
  },
  dumpDataDir: async (m) => Buffer.from(await (await pglite.dumpDataDir(m.compression)).arrayBuffer()),
  isInTransaction: () => pglite.isInTransaction(),
  close: () => pglite.close(),
};

port.on('message', (m) => {
  // An answer that cannot be posted still answers: the caller must never wait forever.
  const reply = (answer) => {
    try {
      port.postMessage({ id: m.id, ...answer });
    } catch (err) {
      port.postMessage({ id: m.id, error: { message: `the database thread could not post its answer: ${err.message}` } });
    }
  };
  if (m.op === 'begin') return begin(reply);
  if (m.op === 'hold') return hold(reply);
  Promise.resolve()
    .then(() => handlers[m.op](m))
    .then(
      (result) => reply({ result }),
      (err) => reply({ error: errorData(err) }),
    );
});

pglite.waitReady.then(
  () => port.postMessage({ ready: true }),
  (err) => port.postMessage({ ready: false, error: errorData(err) }),
);
