// mocha's spec reporter plus the closing line CI reads: "ui: N passed, N failed" (another tier
// names itself with `--reporter-option label=<name>`).
import Mocha from 'mocha';

class UiReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const label = (options?.reporterOptions as { label?: string } | undefined)?.label ?? 'ui';
    runner.once('end', () => {
      const { passes, failures } = runner.stats ?? { passes: 0, failures: 0 };
      Mocha.reporters.Base.consoleLog(`${label}: ${passes} passed, ${failures} failed`);
    });
  }
}

export = UiReporter;
