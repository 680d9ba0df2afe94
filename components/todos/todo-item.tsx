"use client";
import { memo, useEffect, useRef, type KeyboardEvent } from "react";
import type { ClientTodo } from "./todo-store";

export const LIST_FORM_ID = "todo-list-form";

/**
 * Each item's buttons are named "<word> <title>" by aria-labelledby: the word from one hidden
 * element the list renders once (ButtonWords), the title from the item's label. The title is
 * then written into the page's HTML once instead of four times (it was also in two
 * aria-labels and a hidden span: issue 16).
 */
const BUTTON_WORD_IDS = { complete: "todo-word-complete", reopen: "todo-word-reopen", edit: "todo-word-edit", delete: "todo-word-delete" } as const;
const BUTTON_WORDS = { complete: "Complete", reopen: "Reopen", edit: "Edit", delete: "Delete" } as const;

/** The words the items' button names start with, once per list (hidden: only read through aria-labelledby). */
export function ButtonWords() {
  return (
    <span hidden>
      {Object.entries(BUTTON_WORD_IDS).map(([key, id]) => (
        <span key={key} id={id}>
          {BUTTON_WORDS[key as keyof typeof BUTTON_WORDS]}
        </span>
      ))}
    </span>
  );
}

type Props = {
  todo: ClientTodo;
  editing: boolean;
  /**
   * True once JavaScript runs: the delete button then leaves the list form. Chromium takes
   * time quadratic in the number of a form's controls to add them (about 4 s for 10,000),
   * so only the server-rendered items belong to it, for posting without JavaScript.
   */
  scripted: boolean;
  onToggle: (id: number, completed: boolean) => void;
  onDestroy: (id: number) => void;
  onEdit: (key: string) => void;
  /** Ends editing with the typed title, or with null (Escape); false keeps the field open. */
  onSave: (todo: ClientTodo, title: string | null) => boolean;
};

/**
 * One todo, in TodoMVC's markup. The delete button (and, inside <noscript>, a complete or
 * reopen button) submits the list form, so they work without JavaScript; with it, clicks
 * are handled here and the form is never posted.
 */
export const TodoItem = memo(function TodoItem({ todo, editing, scripted, onToggle, onDestroy, onEdit, onSave }: Props) {
  const titleId = `todo-title-${todo.key}`;
  const editRef = useRef<HTMLInputElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  // Enter and Escape end the edit before the field's blur would: the blur must not save again.
  const ended = useRef(false);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing) {
      ended.current = false;
      const input = editRef.current;
      input?.focus();
      input?.setSelectionRange(input.value.length, input.value.length);
    } else if (returnFocus.current) {
      returnFocus.current = false;
      editButtonRef.current?.focus();
    }
  }, [editing]);

  const finish = (title: string | null, refocus: boolean) => {
    if (ended.current) return;
    if (onSave(todo, title)) {
      ended.current = true;
      returnFocus.current = refocus;
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      finish(event.currentTarget.value, true);
    } else if (event.key === "Escape") {
      event.preventDefault();
      finish(null, true);
    }
  };

  const className = [todo.completed ? "completed" : "", editing ? "editing" : ""].filter(Boolean).join(" ") || undefined;
  const toggleIntent = `${todo.completed ? "activate" : "complete"}:${todo.id}`;

  return (
    <li className={className}>
      <div className="view">
        <input
          className="toggle"
          type="checkbox"
          checked={todo.completed}
          onChange={(event) => onToggle(todo.id, event.currentTarget.checked)}
          aria-labelledby={titleId}
        />
        <noscript>
          <button type="submit" form={LIST_FORM_ID} name="intent" value={toggleIntent} className="toggle-button" aria-labelledby={`${todo.completed ? BUTTON_WORD_IDS.reopen : BUTTON_WORD_IDS.complete} ${titleId}`}>
            {todo.completed ? "Reopen" : "Complete"}
          </button>
        </noscript>
        <label id={titleId} onDoubleClick={() => onEdit(todo.key)}>
          {todo.title}
        </label>
        <button ref={editButtonRef} type="button" className="edit-button" aria-labelledby={`${BUTTON_WORD_IDS.edit} ${titleId}`} onClick={() => onEdit(todo.key)} />
        <button
          {...(scripted ? { type: "button" } : { type: "submit", form: LIST_FORM_ID, name: "intent", value: `delete:${todo.id}` })}
          className="destroy"
          aria-labelledby={`${BUTTON_WORD_IDS.delete} ${titleId}`}
          onClick={(event) => {
            event.preventDefault();
            onDestroy(todo.id);
          }}
        />
      </div>
      {editing ? (
        <input
          ref={editRef}
          className="edit"
          defaultValue={todo.title}
          aria-label={`Edit ${todo.title}`}
          aria-describedby="todo-message"
          autoComplete="off"
          onKeyDown={onKeyDown}
          onBlur={(event) => finish(event.currentTarget.value, false)}
        />
      ) : null}
    </li>
  );
});
