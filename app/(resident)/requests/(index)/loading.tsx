// Only this index page streams: see components/ui/page-skeleton.tsx.
export { default } from "@/components/ui/page-skeleton";
