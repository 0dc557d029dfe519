"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { decodeQr } from "./qr-decode";

/**
 * The phone's back camera in a <video>, each frame read for a QR code until one is found;
 * `onCode` gets its text and the camera is switched off.
 */
export function useCameraScan(onCode: (text: string) => void) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const frameRef = useRef<number>(0);
  const [active, setActive] = useState(false);
  const [failed, setFailed] = useState(false);

  const stop = useCallback(() => {
    cancelAnimationFrame(frameRef.current);
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    setActive(false);
  }, []);

  const start = useCallback(async () => {
    setFailed(false);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      streamRef.current = stream;
      setActive(true);
      const video = videoRef.current!;
      video.srcObject = stream;
      await video.play();
      canvasRef.current ??= document.createElement("canvas");
      const tick = () => {
        if (!streamRef.current) return;
        const text = decodeQr(video, video.videoWidth, video.videoHeight, canvasRef.current!);
        if (text) {
          stop();
          onCode(text);
          return;
        }
        frameRef.current = requestAnimationFrame(tick);
      };
      frameRef.current = requestAnimationFrame(tick);
    } catch (error) {
      console.error(error);
      stop();
      setFailed(true);
    }
  }, [onCode, stop]);

  useEffect(() => stop, [stop]);
  return { videoRef, active, failed, start, stop };
}
