import { describe, expect, it } from 'vitest';
import { deriveClassKeys, isTypingTarget, resolveKey } from '../../renderer/features/review/keymap';
import type { KeyInput } from '../../renderer/features/review/keymap';

const classes = ['blowhole', 'break', 'crack', 'fray', 'uneven'];
const keys = deriveClassKeys(classes);
const press = (key: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  target: document.body,
  ...extra,
});

describe('deriveClassKeys', () => {
  it('gives each default class its first free letter and a digit', () => {
    expect(keys).toEqual([
      { name: 'blowhole', letter: 'b', digit: '1' },
      { name: 'break', letter: 'r', digit: '2' },
      { name: 'crack', letter: 'c', digit: '3' },
      { name: 'fray', letter: 'f', digit: '4' },
      { name: 'uneven', letter: 'u', digit: '5' },
    ]);
  });

  it('never hands out o, d or z and leaves a class without a free letter to its digit', () => {
    expect(deriveClassKeys(['dozed', 'odd', 'zoo'])).toEqual([
      { name: 'dozed', letter: 'e', digit: '1' },
      { name: 'odd', letter: null, digit: '2' },
      { name: 'zoo', letter: null, digit: '3' },
    ]);
  });
});

describe('resolveKey', () => {
  it('maps the review keys', () => {
    expect(resolveKey(press('o'), keys, false)).toEqual({ type: 'ok' });
    expect(resolveKey(press('O'), keys, false)).toEqual({ type: 'ok' });
    expect(resolveKey(press('d'), keys, false)).toEqual({ type: 'chooseDefect' });
    expect(resolveKey(press('r'), keys, false)).toEqual({ type: 'defect', defectClass: 'break' });
    expect(resolveKey(press('5'), keys, false)).toEqual({ type: 'defect', defectClass: 'uneven' });
    expect(resolveKey(press('z'), keys, false)).toEqual({ type: 'undo' });
    expect(resolveKey(press('Backspace'), keys, false)).toEqual({ type: 'undo' });
    expect(resolveKey(press('z', { ctrlKey: true }), keys, false)).toEqual({ type: 'undo' });
    expect(resolveKey(press('?'), keys, false)).toEqual({ type: 'help' });
    expect(resolveKey(press('x'), keys, false)).toBeNull();
  });

  it('in the class choice takes class keys and Escape only', () => {
    expect(resolveKey(press('c'), keys, true)).toEqual({ type: 'defect', defectClass: 'crack' });
    expect(resolveKey(press('Escape'), keys, true)).toEqual({ type: 'cancel' });
    expect(resolveKey(press('o'), keys, true)).toBeNull();
    expect(resolveKey(press('Escape'), keys, false)).toBeNull();
  });

  it('ignores keys typed into fields, held-down repeats and other shortcuts', () => {
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    expect(resolveKey(press('o', { target: input }), keys, false)).toBeNull();
    expect(resolveKey(press('Backspace', { target: textarea }), keys, false)).toBeNull();
    expect(resolveKey(press('o', { repeat: true }), keys, false)).toBeNull();
    expect(resolveKey(press('c', { ctrlKey: true }), keys, false)).toBeNull();
    expect(resolveKey(press('o', { altKey: true }), keys, false)).toBeNull();
  });

  it('keeps the review keys working when a slider or checkbox has the focus', () => {
    const slider = document.createElement('input');
    slider.type = 'range';
    const box = document.createElement('input');
    box.type = 'checkbox';
    const number = document.createElement('input');
    number.type = 'number';
    expect(resolveKey(press('o', { target: slider }), keys, false)).toEqual({ type: 'ok' });
    expect(resolveKey(press('c', { target: box }), keys, true)).toEqual({
      type: 'defect',
      defectClass: 'crack',
    });
    expect(resolveKey(press('o', { target: number }), keys, false)).toBeNull();
  });

  it('maps the looking keys, letting zoom and pan repeat while held', () => {
    expect(resolveKey(press('+'), keys, false)).toEqual({ type: 'zoomIn' });
    expect(resolveKey(press('='), keys, false)).toEqual({ type: 'zoomIn' });
    expect(resolveKey(press('-', { repeat: true }), keys, false)).toEqual({ type: 'zoomOut' });
    expect(resolveKey(press('0'), keys, false)).toEqual({ type: 'fit' });
    expect(resolveKey(press('ArrowLeft', { repeat: true }), keys, true)).toEqual({
      type: 'pan',
      dx: -1,
      dy: 0,
    });
    expect(resolveKey(press('h'), keys, false)).toEqual({ type: 'toggleOverlay' });
    expect(resolveKey(press('h', { repeat: true }), keys, false)).toBeNull();
    expect(resolveKey(press('['), keys, false)).toEqual({ type: 'opacity', direction: -1 });
    expect(resolveKey(press(']'), keys, false)).toEqual({ type: 'opacity', direction: 1 });
    // Ctrl + stays the browser's page zoom.
    expect(resolveKey(press('+', { ctrlKey: true }), keys, false)).toBeNull();
    expect(deriveClassKeys(['hole']).map((k) => k.letter)).toEqual(['l']);
  });

  it('treats editable content as a text field', () => {
    const div = document.createElement('div');
    div.setAttribute('contenteditable', 'true');
    const inner = document.createElement('span');
    div.append(inner);
    document.body.append(div);
    expect(isTypingTarget(inner)).toBe(true);
    expect(isTypingTarget(document.body)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
    div.remove();
  });
});
