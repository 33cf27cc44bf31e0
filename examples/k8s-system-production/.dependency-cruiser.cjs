/** The domain never imports the API or the worker; they talk to each other only through the domain. */
module.exports = {
  forbidden: [
    { name: 'domain-is-independent', severity: 'error', from: { path: '^src/domain' }, to: { path: '^src/(api|worker)' } },
    { name: 'api-and-worker-apart', severity: 'error', from: { path: '^src/api' }, to: { path: '^src/worker' } },
  ],
};
