// The account area's first section: the signed-in prosumer's profile.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { AccountArea, accountMetadata, requireProfile } from "@/components/account/AccountArea";
import { ProfileForm } from "@/components/account/ProfileForm";
import { personPath } from "@/components/community/ProposedBy";
import { isLocale, messages } from "@/lib/i18n";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return accountMetadata(locale, "");
}

export default async function AccountPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const profile = await requireProfile(locale, "");
  const t = messages(locale).accountPages;
  return (
    <AccountArea locale={locale} section="">
      <h2>{t.profileSection}</h2>
      <p>
        <a href={personPath(locale, profile.id)}>{t.viewPublicProfile}</a>
      </p>
      <ProfileForm locale={locale} profile={profile} />
    </AccountArea>
  );
}
