"use client";

import jsQR from "jsqr";
import { useEffect, useRef, useState } from "react";

/** Decodes a QR code from an image or a video frame drawn on the canvas, or null. */
export function decodeQr(
  canvas: HTMLCanvasElement,
  source: CanvasImageSource,
  width: number,
  height: number,
): string | null {
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx || !width || !height) return null;
  ctx.drawImage(source, 0, 0, width, height);
  const image = ctx.getImageData(0, 0, width, height);
  return jsQR(image.data, width, height)?.data ?? null;
}

/**
 * The phone's back camera, read frame by frame while it is on: each decoded QR text goes to
 * `onCode` with the moment it was decoded, unless `paused` says a scan is still in flight.
 * `start` answers false when the camera cannot be opened (no permission, no camera).
 */
export function useQrCamera(onCode: (text: string, at: number) => void, paused: { current: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const frame = useRef(0);
  const [live, setLive] = useState(false);

  function release() {
    cancelAnimationFrame(frame.current);
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
  }

  useEffect(() => release, []);

  function watch() {
    const v = video.current;
    if (v && canvas.current && v.readyState >= 2 && !paused.current) {
      const text = decodeQr(canvas.current, v, v.videoWidth, v.videoHeight);
      if (text) onCode(text, Date.now());
    }
    frame.current = requestAnimationFrame(watch);
  }

  async function start(): Promise<boolean> {
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" },
        audio: false,
      });
      if (video.current) {
        video.current.srcObject = stream.current;
        await video.current.play();
      }
      setLive(true);
      frame.current = requestAnimationFrame(watch);
      return true;
    } catch {
      release();
      return false;
    }
  }

  function stop() {
    release();
    setLive(false);
  }

  return { video, canvas, live, start, stop };
}
