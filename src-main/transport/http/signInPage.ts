/** A page of our own text only: no script, no outside resource, forms only back to this address. */
export const SIGN_IN_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * 集中评审's door: the reviewer types the 6-digit code from their slip. Plain HTML the server
 * writes (the app itself is only served once a code has opened a session), and it says plainly
 * that the connection is not encrypted.
 */
export function signInPage(problem: string | null = null): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>组委会工作台 · 集中评审</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f5f5f5;margin:0;display:flex;justify-content:center}
main{background:#fff;margin-top:10vh;padding:32px 40px;border-radius:8px;box-shadow:0 2px 8px #0002;width:380px}
h1{font-size:22px;color:#a8102a;margin:0 0 4px}p{color:#444;line-height:1.7}
input{font-size:28px;letter-spacing:8px;width:100%;box-sizing:border-box;padding:8px 12px;text-align:center}
button{font-size:18px;width:100%;margin-top:16px;padding:10px;background:#a8102a;color:#fff;border:0;border-radius:4px}
.problem{color:#c8102e;font-weight:bold}.note{font-size:13px;color:#888}
</style></head>
<body><main>
<h1>组委会工作台 · 集中评审</h1>
<p>请输入办公室发给您的纸条上的 6 位验证码。</p>
${problem ? `<p class="problem" role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="/signin">
<label for="code">评审验证码</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus>
<button type="submit">进入评审</button>
</form>
<p class="note">此连接在办公室内网中以明文传输，没有加密。验证码只在今天、只供您本人使用，请勿在其他场合使用或转告他人；评审结束后自动失效。</p>
</main></body></html>`;
}
