import Link from "next/link";

export default function NotFound() {
  return (
    <div className="py-16 text-center" data-testid="not-found">
      <p className="font-mono text-5xl font-bold text-stone-300 dark:text-stone-700">404</p>
      <h1 className="mt-4 text-xl font-semibold">没有找到这个页面</h1>
      <p className="mt-2 text-stone-600 dark:text-stone-300">这一期、这一章、这一段或这位发言人不存在,可能是链接有误。</p>
      <p className="mt-6">
        <Link href="/" className="underline underline-offset-2">
          回到节目库
        </Link>
      </p>
    </div>
  );
}
