import type { FullResult, Reporter, TestCase } from '@playwright/test/reporter';

/** Only the Electron smoke test may skip (its binary cannot be downloaded here), and it says why. */
const MAY_SKIP = /electron[\\/]smoke\.spec\.ts$/;

/** Under DESK_REQUIRE_TOOLS=1 (CI) any other skipped test fails the run, by name. */
export default class NoSkips implements Reporter {
  private skipped: string[] = [];

  onTestEnd(test: TestCase): void {
    if (test.outcome() === 'skipped' && !MAY_SKIP.test(test.location.file))
      this.skipped.push(test.titlePath().join(' › '));
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    if (process.env.DESK_REQUIRE_TOOLS !== '1' || !this.skipped.length) return undefined;
    console.error(
      `\nDESK_REQUIRE_TOOLS=1: ${this.skipped.length} test(s) skipped, which fails the run:\n  ${this.skipped.join('\n  ')}\n`,
    );
    return { status: result.status === 'passed' ? 'failed' : result.status };
  }

  printsToStdio(): boolean {
    return false;
  }
}
