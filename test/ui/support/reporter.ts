// mocha's spec reporter plus the closing line CI reads: "ui: N passed, N failed".
import Mocha from 'mocha';

class UiReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once('end', () => {
      const { passes, failures } = runner.stats ?? { passes: 0, failures: 0 };
      Mocha.reporters.Base.consoleLog(`ui: ${passes} passed, ${failures} failed`);
    });
  }
}

export = UiReporter;
