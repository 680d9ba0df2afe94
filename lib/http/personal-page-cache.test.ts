import { describe, expect, it } from "vitest";
import { PersonalPageCache, type PageInputs } from "./personal-page-cache.ts";
import { RENDER_REQUEST_HEADERS } from "./public-page-cache.ts";

const NONCE = "n0nce";
const page = (text: string, init: { status?: number; headers?: Record<string, string> } = {}) =>
  new Response(`<!DOCTYPE html><html><body><p>${text}</p><script nonce="${NONCE}">self.__next_f.push([1])</script></body></html>`, {
    status: init.status ?? 200,
    headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": `script-src 'nonce-${NONCE}'`, ...init.headers },
  });

/** A person's page as the fake database has it: the list's text is its fingerprint. */
function setup(state = { session: "s1" as string | null, list: "one todo", open: true }) {
  const renders: string[] = [];
  const readInputs = async (cookie: string): Promise<PageInputs> => {
    if (!cookie.includes("session=")) return null;
    if (!state.session) return { key: "s1", fingerprint: null };
    return state.open ? { key: state.session, fingerprint: state.list, cookie: `session=${state.session}` } : { key: state.session, fingerprint: null };
  };
  let render = async (_path: string, cookie: string) => {
    renders.push(cookie);
    return page(state.list);
  };
  const cache = new PersonalPageCache(new Map([["/", readInputs]]), (path, cookie) => render(path, cookie));
  const text = async (cookie = "session=s1; other=1") => {
    const kept = await cache.get("/", cookie);
    await cache.settled();
    return kept ? kept.body.toString("utf8").match(/<p>(.*?)<\/p>/)![1] : null;
  };
  return { state, renders, cache, text, setRender: (next: typeof render) => (render = next) };
}

describe("cacheablePath", () => {
  const personalCacheablePath = (...args: Parameters<PersonalPageCache["cacheablePath"]>) => setup().cache.cacheablePath(...args);

  it("takes a plain GET of a kept page with a cookie", () => {
    expect(personalCacheablePath("GET", "/", { cookie: "staffroom.session=x" })).toBe("/");
  });

  it("leaves everything else to Next.js", () => {
    expect(personalCacheablePath("GET", "/", {})).toBeNull();
    expect(personalCacheablePath("POST", "/", { cookie: "a=1" })).toBeNull();
    expect(personalCacheablePath("GET", "/?filter=active", { cookie: "a=1" })).toBeNull();
    expect(personalCacheablePath("GET", "/admin/staff", { cookie: "a=1" })).toBeNull();
    expect(personalCacheablePath("GET", "/", { cookie: "a=1", authorization: "Bearer sr_x" })).toBeNull();
    expect(personalCacheablePath("GET", "/", { cookie: "a=1", rsc: "1" })).toBeNull();
    expect(personalCacheablePath("GET", "/", { cookie: "a=1", "next-action": "abc" })).toBeNull();
    expect(personalCacheablePath("GET", "/", { cookie: "a=1", ...RENDER_REQUEST_HEADERS })).toBeNull();
  });
});

describe("PersonalPageCache", () => {
  it("renders its own copy the second time a page is asked for unchanged, with the session's cookie alone, and then answers from it", async () => {
    const { renders, text } = setup();
    expect(await text()).toBeNull();
    expect(renders).toEqual([]);
    expect(await text()).toBeNull();
    expect(renders).toEqual(["session=s1"]);
    expect(await text()).toBe("one todo");
    expect(renders).toHaveLength(1);
  });

  it("answers nothing kept once the list has changed, and keeps the new page once it is asked for again", async () => {
    const { state, text } = setup();
    await text();
    await text();
    state.list = "two todos";
    expect(await text()).toBeNull();
    expect(await text()).toBeNull();
    expect(await text()).toBe("two todos");
  });

  it("keeps nothing rendered while the list changed", async () => {
    const { state, text, setRender } = setup();
    await text();
    setRender(async () => {
      const rendered = page(state.list);
      state.list = "changed during the render";
      return rendered;
    });
    await text();
    expect(await text()).toBeNull();
  });

  it("serves nothing to a session that ended or is sent elsewhere, and forgets its page", async () => {
    const { state, text } = setup();
    await text();
    await text();
    expect(await text()).toBe("one todo");
    state.open = false;
    expect(await text()).toBeNull();
    state.open = true;
    expect(await text()).toBeNull();
  });

  it("keeps no redirect, no error, and no answer that set a cookie", async () => {
    for (const answer of [
      page("", { status: 303, headers: { location: "/login" } }),
      page("", { status: 500 }),
      page("a page that set a cookie", { headers: { "set-cookie": "a=1" } }),
    ]) {
      const { text, setRender } = setup();
      setRender(async () => answer.clone());
      await text();
      await text();
      expect(await text()).toBeNull();
    }
  });

  it("keeps each page of a session apart", async () => {
    const renders: string[] = [];
    const inputs = (fingerprint: string) => async (): Promise<PageInputs> => ({ key: "s1", fingerprint, cookie: "session=s1" });
    const cache = new PersonalPageCache(new Map([["/", inputs("todos")], ["/admin/staff", inputs("staff")]]), async (path) => {
      renders.push(path);
      return page(path);
    });
    for (let round = 0; round < 3; round++) {
      for (const path of ["/", "/admin/staff"]) {
        await cache.get(path, "session=s1");
        await cache.settled();
      }
    }
    expect((await cache.get("/", "session=s1"))?.body.toString()).toContain("<p>/</p>");
    expect((await cache.get("/admin/staff", "session=s1"))?.body.toString()).toContain("<p>/admin/staff</p>");
    expect(renders).toEqual(["/", "/admin/staff"]);
  });

  it("answers nobody without a session", async () => {
    const { text, renders } = setup();
    expect(await text("other=1")).toBeNull();
    expect(await text("other=1")).toBeNull();
    expect(renders).toEqual([]);
  });
});
