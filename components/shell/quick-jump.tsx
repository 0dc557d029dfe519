"use client";

import { Search } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import type { JumpResult } from "@/lib/portal/jump/schemas";
import { JUMP_MIN_LENGTH } from "@/lib/portal/jump/rules";

type State = { status: "idle" | "loading" | "error" } | { status: "done"; results: JumpResult[] };

/** Debounced GET /api/jump while the dialog is open; a newer query aborts the older request. */
function useJumpResults(query: string): State {
  const [state, setState] = useState<State>({ status: "idle" });
  useEffect(() => {
    const q = query.trim();
    if (q.length < JUMP_MIN_LENGTH && !/^#?\d+$/.test(q)) {
      const idle = setTimeout(() => setState({ status: "idle" }), 0);
      return () => clearTimeout(idle);
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState({ status: "loading" });
      try {
        const res = await fetch(`/api/jump?q=${encodeURIComponent(q)}`, { signal: controller.signal });
        const body = (await res.json()) as { ok: boolean; data?: JumpResult[] };
        setState(body.ok && body.data ? { status: "done", results: body.data } : { status: "error" });
      } catch (error) {
        if (!controller.signal.aborted) setState({ status: "error" });
        else void error;
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  return state;
}

/** Ctrl-K / ⌘K anywhere opens the dialog. */
function useOpenShortcut(dialog: RefObject<HTMLDialogElement | null>) {
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        if (!dialog.current?.open) dialog.current?.showModal();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [dialog]);
}

/**
 * The staff quick jump: Ctrl-K / ⌘K (or the search box in the header on phones) opens a dialog
 * that finds a household by name, phone or unit, a work order or an arrears notice by number.
 */
export function QuickJump() {
  const t = useTranslations();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState("");
  const state = useJumpResults(query);
  const results = state.status === "done" ? state.results : [];

  useOpenShortcut(dialog);

  const close = () => dialog.current?.close();
  const moveFocus = (e: KeyboardEvent<HTMLElement>) => {
    const links = [...(list.current?.querySelectorAll("a") ?? [])];
    if (!links.length || (e.key !== "ArrowDown" && e.key !== "ArrowUp")) return;
    e.preventDefault();
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = e.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, -1);
    if (next < 0) dialog.current?.querySelector("input")?.focus();
    else links[next].focus();
  };

  return (
    <>
      <JumpButton onOpen={() => dialog.current?.showModal()} />
      <dialog
        ref={dialog}
        aria-label={t("shell.jump.label")}
        onClose={() => setQuery("")}
        onKeyDown={moveFocus}
        className="mx-auto mt-16 w-[calc(100%-2rem)] max-w-lg rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
        data-testid="quick-jump"
      >
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (!results[0]) return;
            close();
            router.push(results[0].href);
          }}
          className="border-b border-slate-200 p-3"
        >
          <label htmlFor="quick-jump-q" className="mb-1 block text-sm font-medium text-slate-700">
            {t("shell.jump.label")}
          </label>
          <div className="flex gap-2">
            <input
              id="quick-jump-q"
              type="search"
              autoComplete="off"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder={t("shell.jump.placeholder")}
              className="min-h-11 w-full rounded-md border border-slate-300 px-3 text-sm"
            />
            <button
              type="button"
              onClick={close}
              className="min-h-11 shrink-0 rounded-md px-3 text-sm text-slate-700 ring-1 ring-slate-300"
            >
              {t("shell.jump.close")}
            </button>
          </div>
          <p className="mt-1 text-xs text-slate-600">{t("shell.jump.hint")}</p>
        </form>
        <JumpStatus state={state} />
        <JumpResults results={results} listRef={list} onPick={close} />
      </dialog>
    </>
  );
}

function JumpStatus({ state }: { state: State }) {
  const t = useTranslations("shell.jump");
  const text =
    state.status === "loading"
      ? t("searching")
      : state.status === "error"
        ? t("error")
        : state.status === "done" && state.results.length === 0
          ? t("empty")
          : null;
  return (
    <p role="status" aria-live="polite" className={text ? "px-4 py-3 text-sm text-slate-600" : "sr-only"}>
      {text}
    </p>
  );
}

function JumpButton({ onOpen }: { onOpen: () => void }) {
  const t = useTranslations("shell.jump");
  return (
    <button
      type="button"
      onClick={onOpen}
      className="order-first flex min-h-11 w-full items-center gap-2 rounded-md bg-slate-50 px-3 text-sm text-slate-600 ring-1 ring-slate-300 hover:bg-slate-100 sm:order-none sm:mr-auto sm:w-64"
      data-testid="quick-jump-open"
    >
      <Search aria-hidden className="h-4 w-4" />
      <span className="flex-1 text-left">{t("open")}</span>
      <kbd className="hidden rounded bg-white px-1.5 text-xs text-slate-600 ring-1 ring-slate-300 sm:inline">
        {t("shortcut")}
      </kbd>
    </button>
  );
}

function JumpResults({
  results,
  listRef,
  onPick,
}: {
  results: JumpResult[];
  listRef: RefObject<HTMLUListElement | null>;
  onPick: () => void;
}) {
  const t = useTranslations();
  if (!results.length) return null;
  return (
    <ul ref={listRef} aria-label={t("shell.jump.results")} className="max-h-[60dvh] overflow-y-auto p-2">
      {results.map((r) => (
        <li key={`${r.kind}-${r.id}`}>
          <Link
            href={r.href}
            onClick={onPick}
            className="flex min-h-11 flex-col justify-center rounded-md px-3 py-2 text-sm hover:bg-slate-100 focus:bg-brand-50"
            data-testid={`jump-${r.kind}-${r.id}`}
          >
            <span className="font-medium text-slate-900">
              {r.kind === "order" ? `#${r.id} ` : ""}
              {r.title}
            </span>
            <span className="text-xs text-slate-600">
              {[t(`shell.jump.${r.kind}`), r.typeKey ? t(r.typeKey) : null, r.unit, r.phone]
                .filter(Boolean)
                .join(" · ")}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
