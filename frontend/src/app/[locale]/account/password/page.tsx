// The account area's password section: changing the password while signed in.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { AccountArea, accountMetadata, requireProfile } from "@/components/account/AccountArea";
import { PasswordChangeForm } from "@/components/account/PasswordChangeForm";
import { isLocale, messages } from "@/lib/i18n";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return accountMetadata(locale, "password/");
}

export default async function AccountPasswordPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const profile = await requireProfile(locale, "password/");
  return (
    <AccountArea locale={locale} section="password/">
      <h2>{messages(locale).accountPages.changePasswordTitle}</h2>
      <PasswordChangeForm locale={locale} email={profile.email} />
    </AccountArea>
  );
}
