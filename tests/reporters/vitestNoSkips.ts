import type { Reporter, TestModule } from 'vitest/node';

/**
 * Under DESK_REQUIRE_TOOLS=1 (CI) a skipped test fails the run and is named: a run reports
 * green only when every test ran. Skip conditions already throw when a tool is missing
 * (tests/support/tools.ts); this catches any other way a test could be left out.
 */
export default class NoSkips implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    if (process.env.DESK_REQUIRE_TOOLS !== '1') return;
    const skipped = modules.flatMap((module) =>
      [...module.children.allTests()]
        .filter((test) => test.result().state === 'skipped')
        .map((test) => `${module.moduleId.replace(process.cwd() + '/', '')} › ${test.fullName}`),
    );
    if (!skipped.length) return;
    console.error(
      `\nDESK_REQUIRE_TOOLS=1: ${skipped.length} test(s) skipped, which fails the run:\n  ${skipped.join('\n  ')}\n`,
    );
    process.exitCode = 1;
  }
}
